package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.EventStreamReader;
import org.samepath.testsupport.HostileRequests;
import org.samepath.testsupport.HostileRequests.Case;
import org.samepath.testsupport.HostileRequests.Endpoint;
import org.samepath.testsupport.HostileRequests.Param;

/**
 * Generated hostile requests against every notification-service endpoint: broken and foreign tokens, ids that are
 * operators or unicode, paging values out of range or not numbers at all, bodies too large or sent without a length.
 * Each must be refused with its 4xx as problem+json and change nothing that concerns the people involved (their
 * notifications, read marks and queued emails). notification-service publishes no events, so there is none to miss.
 *
 * <p>Cases are drawn from jqwik generators with a fixed seed (override with {@code -Dsamepath.fuzz.seed=...}) and run as
 * dynamic tests in the context every notification-service test shares. The database is compared only where it
 * concerns this test's people: other tests' emails may still be on their way meanwhile.
 */
class NotificationFuzzTests extends NotificationTestContext {

    private static final long SEED = Long.getLong("samepath.fuzz.seed", 20261121L);
    /** More than for the other services: there are only three endpoints here, none with a body. */
    private static final int CASES_PER_ATTACK = 6;

    private static final String INBOX = "/api/v1/notifications";

    @TestFactory
    Stream<DynamicTest> hostileRequestsAreRefusedAndChangeNothing() {
        String newcomer = newId("n");
        String submitted = eventId();
        String alert = eventId();
        deliverAll(
                new MatchRequestSubmitted(submitted, newId("r"), newcomer, now()),
                new UrgentSupportRequested(alert, newcomer, now()));
        String notification = submitted + ".to." + newcomer;
        String token = tokens.token(newcomer, "NEWCOMER");
        List<Endpoint> endpoints = List.of(
                Endpoint.of("GET", INBOX, token)
                        .anyRole()
                        .params(
                                Param.converted("unread", Boolean.class),
                                Param.converted("page", Integer.class, page -> page >= 0),
                                Param.converted("size", Integer.class, size -> size >= 1 && size <= 100)),
                Endpoint.of("POST", INBOX + "/{id}/read", token)
                        .id(notification)
                        .anyRole(),
                Endpoint.of("GET", INBOX + "/stream", token).anyRole());
        List<Case> cases = new ArrayList<>();
        endpoints.forEach(endpoint -> cases.addAll(HostileRequests.cases(endpoint, tokens, SEED, CASES_PER_ATTACK)));
        List<String> involved = List.of(newcomer, submitted, alert);
        AtomicReference<Map<String, List<String>>> state = new AtomicReference<>(traces(involved));

        Stream<DynamicTest> refusals = cases.stream()
                .map(hostile -> dynamicTest(
                        hostile.toString(),
                        () -> HostileRequests.assertRefusedWithoutTrace(
                                baseUrl(), hostile, () -> traces(involved), state)));
        Stream<DynamicTest> epilogue =
                Stream.of(dynamicTest("the same endpoints with valid input succeed for the same person", () -> {
                    assertThat(DatabaseSnapshot.size(state.get()))
                            .as("the comparisons looked at the person's notifications")
                            .isPositive();
                    Response read = api().post(INBOX + "/" + notification + "/read", token, "");
                    assertThat(read.status()).as(read.toString()).isEqualTo(200);
                    assertThat(read.json().get("read").asBoolean()).isTrue();
                    Response inbox = api().get(INBOX + "?unread=false&page=0&size=100", token);
                    assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
                    try (EventStreamReader stream = EventStreamReader.open(baseUrl() + INBOX + "/stream", token)) {
                        assertThat(stream.status()).isEqualTo(200);
                    }
                }));
        return Stream.concat(refusals, epilogue);
    }

    /** Every document of the database that mentions any of the given ids, by collection. */
    private Map<String, List<String>> traces(List<String> ids) {
        Map<String, List<String>> traces = new TreeMap<>();
        DatabaseSnapshot.of(database())
                .forEach((collection, documents) -> traces.put(
                        collection,
                        documents.stream()
                                .filter(json -> ids.stream().anyMatch(json::contains))
                                .toList()));
        return traces;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
