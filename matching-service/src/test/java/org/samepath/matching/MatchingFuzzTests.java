package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.matching.request.MatchRequest;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.HostileRequests;
import org.samepath.testsupport.HostileRequests.Attack;
import org.samepath.testsupport.HostileRequests.Body;
import org.samepath.testsupport.HostileRequests.Case;
import org.samepath.testsupport.HostileRequests.Endpoint;
import org.samepath.testsupport.HostileRequests.Field;
import org.samepath.testsupport.HostileRequests.Param;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TopicProbe;

/**
 * Generated hostile requests against every matching-service endpoint, the coordinator dashboard's included: broken
 * and foreign tokens, roles that are not roles, ids that are operators or unicode, bad query values, malformed JSON,
 * wrong types, missing and unknown fields, bodies too deep, too long or too large, wrong content types. Each must be
 * refused with its 4xx as problem+json, leave the database exactly as it was, and publish nothing.
 *
 * <p>Cases are drawn from jqwik generators with a fixed seed (override with {@code -Dsamepath.fuzz.seed=...}) and run as
 * dynamic tests in the cached Spring context; they act on a real cast, and at the end the same endpoints with valid
 * input succeed on it, so every refusal was the input's doing.
 */
class MatchingFuzzTests extends MatchingApiTestContext {

    private static final long SEED = Long.getLong("samepath.fuzz.seed", 20261121L);
    private static final int CASES_PER_ATTACK = 4;
    private static final String ID = "[A-Za-z0-9_-]{1,64}";

    @TestFactory
    Stream<DynamicTest> hostileRequestsAreRefusedAndChangeNothing() {
        Cast cast = cast();
        String alert = raiseAlert(cast.freeNewcomer());
        List<Case> cases = new ArrayList<>();
        endpoints(cast, alert)
                .forEach(endpoint -> HostileRequests.cases(endpoint, tokens, SEED, CASES_PER_ATTACK).stream()
                        .filter(MatchingFuzzTests::decidedHere)
                        .forEach(cases::add));
        String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
        TopicProbe matching = new TopicProbe(kafka, Topics.MATCHING);
        TopicProbe safety = new TopicProbe(kafka, Topics.SAFETY);
        awaitSettled();
        long settledAt = System.currentTimeMillis();

        AtomicReference<Map<String, List<String>>> state = new AtomicReference<>(DatabaseSnapshot.of(database()));
        Stream<DynamicTest> refusals = cases.stream()
                .map(hostile -> dynamicTest(
                        hostile.toString(),
                        () -> HostileRequests.assertRefusedWithoutTrace(
                                baseUrl(), hostile, () -> DatabaseSnapshot.of(database()), state)));
        Stream<DynamicTest> epilogue = Stream.of(
                dynamicTest("no event mentions the cast", () -> {
                    try (matching;
                            safety) {
                        List<String> published = new ArrayList<>();
                        published.addAll(mentioning(matching.drain(Duration.ofSeconds(2)), settledAt, cast));
                        published.addAll(mentioning(safety.drain(Duration.ofSeconds(1)), settledAt, cast));
                        assertThat(published).isEmpty();
                    }
                }),
                dynamicTest(
                        "the same endpoints with valid input succeed on the same cast",
                        () -> validInputSucceeds(cast, alert)));
        return Stream.concat(refusals, epilogue);
    }

    /** An urgent-support flag by {@code newcomer}, stored as an alert awaiting acknowledgement; returns its id. */
    private String raiseAlert(String newcomer) {
        String flagId = UUID.randomUUID().toString();
        producer()
                .send(
                        Topics.SAFETY,
                        newcomer,
                        EventCatalog.URGENT_SUPPORT_REQUESTED.type(),
                        flagId,
                        new UrgentSupportRequested(flagId, newcomer, Instant.now()));
        await().atMost(PROPAGATION)
                .until(() -> database().getCollection("alerts").countDocuments(new Document("_id", flagId)) == 1);
        return flagId;
    }

    /**
     * Whether matching-service alone decides the case. A well-formed id of nobody in the approval path is the one
     * exception: matching relays it to profile-service (not running beside these tests, so 503), whose own fuzz
     * suite refuses unknown mentors.
     */
    private static boolean decidedHere(Case hostile) {
        return !(hostile.attack() == Attack.HOSTILE_PATH_ID
                && hostile.path().matches("/api/v1/dashboard/mentors/" + ID + "/approve"));
    }

    /** Every matching-service endpoint as its rightful caller uses it on the cast. */
    private static List<Endpoint> endpoints(Cast cast, String alert) {
        String coordinator = cast.token(cast.coordinator());
        String newcomer = cast.token(cast.newcomer());
        String secondMentor = cast.token(cast.secondMentor());
        String matchedNewcomer = cast.token(cast.matchedNewcomer());
        return List.of(
                Endpoint.of("POST", "/api/v1/match-requests", cast.token(cast.freeNewcomer()))
                        .body(Body.of(
                                        Map.of("note", "I would like someone who has been there"),
                                        Field.text("note", false, 500))
                                .orNone()),
                Endpoint.of("GET", "/api/v1/match-requests/{id}", newcomer).id(cast.request()),
                Endpoint.of("GET", "/api/v1/match-requests", coordinator)
                        .params(Param.converted("status", MatchRequest.Status.class)),
                Endpoint.of("POST", "/api/v1/match-requests/{id}/withdraw", newcomer)
                        .id(cast.request()),
                Endpoint.of("GET", "/api/v1/match-requests/{id}/provenance", coordinator)
                        .id(cast.request()),
                Endpoint.of("POST", "/api/v1/match-requests/{id}/assign", coordinator)
                        .id(cast.request())
                        .body(Body.of(
                                HostileRequests.object(
                                        "mentorId",
                                        cast.otherMentor(),
                                        "override",
                                        false,
                                        "reason",
                                        "speaks their language"),
                                Field.pattern("mentorId", true, ID),
                                Field.flag("override"),
                                Field.text("reason", false, 500))),
                Endpoint.of("GET", "/api/v1/proposals", secondMentor),
                Endpoint.of("POST", "/api/v1/proposals/{id}/accept", secondMentor)
                        .id(cast.secondProposal()),
                Endpoint.of("POST", "/api/v1/proposals/{id}/decline", secondMentor)
                        .id(cast.secondProposal())
                        .body(Body.of(Map.of("reason", "I am travelling this month"), Field.text("reason", true, 500))),
                Endpoint.of("GET", "/api/v1/matches", matchedNewcomer),
                Endpoint.of("POST", "/api/v1/matches/{id}/end", matchedNewcomer)
                        .id(cast.match())
                        .body(Body.of(
                                HostileRequests.object("reason", "not a good fit", "rematch", false),
                                Field.text("reason", true, 500),
                                Field.flag("rematch"))),
                Endpoint.of("POST", "/api/v1/matches/{id}/pause", coordinator).id(cast.match()),
                Endpoint.of("GET", "/api/v1/dashboard", coordinator).params(WINDOW),
                Endpoint.of("GET", "/api/v1/dashboard/stream", coordinator).params(WINDOW),
                Endpoint.of("GET", "/api/v1/alerts", coordinator),
                Endpoint.of("POST", "/api/v1/alerts/{id}/acknowledge", coordinator)
                        .id(alert)
                        .body(Body.of(Map.of("note", "called them back"), Field.text("note", false, 500))
                                .orNone()),
                Endpoint.of("GET", "/api/v1/match-requests/{id}/assignment-options", coordinator)
                        .id(cast.request())
                        .params(new Param("mentorId", value -> value.matches(ID))),
                Endpoint.of("POST", "/api/v1/dashboard/mentors/{id}/approve", coordinator)
                        .id(cast.otherMentor()));
    }

    /** The dashboard's window: one of four labels, or blank for the default. */
    private static final Param WINDOW = new Param(
            "window",
            value -> value.isBlank() || Set.of("1h", "24h", "7d", "30d").contains(value));

    /** The valid calls the refusals were variations of: each succeeds, so the cast was there to be harmed. */
    private void validInputSucceeds(Cast cast, String alert) {
        String coordinator = cast.token(cast.coordinator());
        Response acknowledged =
                api().post("/api/v1/alerts/" + alert + "/acknowledge", coordinator, "{\"note\":\"called them back\"}");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        Response options = api().get(
                        "/api/v1/match-requests/" + cast.request() + "/assignment-options?mentorId="
                                + cast.otherMentor(),
                        coordinator);
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        Response dashboard = api().get("/api/v1/dashboard?window=7d", coordinator);
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        Response assigned = api().post(
                        "/api/v1/match-requests/" + cast.request() + "/assign",
                        cast.token(cast.coordinator()),
                        "{\"mentorId\":\"" + cast.otherMentor() + "\",\"reason\":\"speaks their language\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        Response declined = api().post(
                        "/api/v1/proposals/" + cast.secondProposal() + "/decline",
                        cast.token(cast.secondMentor()),
                        "{\"reason\":\"I am travelling this month\"}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        Response ended = api().post(
                        "/api/v1/matches/" + cast.match() + "/end",
                        cast.token(cast.matchedNewcomer()),
                        "{\"reason\":\"not a good fit\"}");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        Response submitted =
                api().post("/api/v1/match-requests", cast.token(cast.freeNewcomer()), "{\"note\":\"hello\"}");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    }

    /** Records published since the cast settled (the relay had sent all of its own) that name any of it. */
    private static List<String> mentioning(List<ConsumerRecord<String, byte[]>> records, long since, Cast cast) {
        return records.stream()
                .filter(record -> record.timestamp() >= since)
                .map(record -> record.key() + " " + TopicProbe.value(record))
                .filter(text -> cast.ids().stream().anyMatch(text::contains))
                .toList();
    }
}
