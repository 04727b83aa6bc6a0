package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.platform.outbox.Outbox;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the hostile-input and access tests of matching-service share: ONE application context (same properties, so
 * Spring caches it), the shared Kafka and MongoDB, and a {@link Cast} of people in every state an endpoint acts on,
 * built through the real topics and API. Each cast speaks languages of its own, so no mentor of another cast (or of
 * another test class, whose profile snapshots this context also consumes) is ever proposed to its newcomers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MatchingApiTestContext {

    static final String DATABASE = "matching_api_tests";
    static final Duration PROPAGATION = Duration.ofSeconds(20);
    static final TestTokenIssuer tokens = TestTokenIssuer.shared();

    private static CloudEventProducer producer;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    ApiClient api() {
        return new ApiClient(baseUrl());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    MongoDatabase database() {
        return mongo.getDatabase(DATABASE);
    }

    static synchronized CloudEventProducer producer() {
        if (producer == null) {
            producer = new CloudEventProducer(TestInfrastructure.shared().kafkaBootstrapServers(), "/tests");
        }
        return producer;
    }

    /**
     * The people one test plays with: a newcomer whose request has a pending proposal to one of two mentors who
     * speak their language (the other is free, for a hand assignment), a second such pair, a newcomer matched with
     * their mentor, a newcomer with a profile and no request, and a coordinator.
     */
    record Cast(
            String tag,
            String newcomer,
            String request,
            String proposal,
            String mentor,
            String otherMentor,
            String secondNewcomer,
            String secondRequest,
            String secondProposal,
            String secondMentor,
            String matchedNewcomer,
            String matchedRequest,
            String match,
            String matchedMentor,
            String freeNewcomer,
            String coordinator) {

        List<String> people() {
            return List.of(
                    newcomer,
                    mentor,
                    otherMentor,
                    secondNewcomer,
                    secondMentor,
                    matchedNewcomer,
                    matchedMentor,
                    freeNewcomer,
                    coordinator);
        }

        /** Every id of the cast, to recognise its documents and events. */
        List<String> ids() {
            List<String> ids = new ArrayList<>(people());
            ids.addAll(List.of(request, secondRequest, matchedRequest));
            return ids;
        }

        String token(String personId) {
            String role = personId.startsWith("c-") ? "COORDINATOR" : personId.startsWith("m") ? "MENTOR" : "NEWCOMER";
            return tokens.token(personId, role);
        }
    }

    Cast cast() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String first = "m1-" + tag;
        String second = "m2-" + tag;
        String newcomer = "n1-" + tag;
        String secondMentor = "md-" + tag;
        String secondNewcomer = "nd-" + tag;
        String matchedMentor = "mm-" + tag;
        String matchedNewcomer = "nm-" + tag;
        String freeNewcomer = "nf-" + tag;
        PeopleFixtures people = new PeopleFixtures(producer());
        people.mentor(first, 2, ProfileStatus.APPROVED, 1, List.of("xa-" + tag));
        people.mentor(second, 2, ProfileStatus.APPROVED, 1, List.of("xa-" + tag));
        people.newcomer(newcomer, List.of("xa-" + tag), List.of(PeopleFixtures.mustSpeak("xa-" + tag)));
        people.mentor(secondMentor, 2, ProfileStatus.APPROVED, 1, List.of("xd-" + tag));
        people.newcomer(secondNewcomer, List.of("xd-" + tag), List.of(PeopleFixtures.mustSpeak("xd-" + tag)));
        people.mentor(matchedMentor, 2, ProfileStatus.APPROVED, 1, List.of("xm-" + tag));
        people.newcomer(matchedNewcomer, List.of("xm-" + tag), List.of(PeopleFixtures.mustSpeak("xm-" + tag)));
        people.newcomer(freeNewcomer, List.of("xf-" + tag), List.of(PeopleFixtures.mustSpeak("xf-" + tag)));
        awaitPeople(
                first, second, newcomer, secondMentor, secondNewcomer, matchedMentor, matchedNewcomer, freeNewcomer);

        JsonNode request = proposed(newcomer);
        String proposedMentor = request.at("/currentProposal/mentorId").asString();
        JsonNode secondRequest = proposed(secondNewcomer);
        JsonNode matchedRequest = proposed(matchedNewcomer);
        Response accepted = api().post(
                        "/api/v1/proposals/"
                                + matchedRequest.at("/currentProposal/id").asString() + "/accept",
                        tokens.token(matchedMentor, "MENTOR"),
                        "");
        assertThat(accepted.status()).as("setting the scene: %s", accepted).isEqualTo(200);
        String match = api().get(
                        "/api/v1/match-requests/" + matchedRequest.get("id").asString(),
                        tokens.token(matchedNewcomer, "NEWCOMER"))
                .json()
                .at("/match/id")
                .asString();
        return new Cast(
                tag,
                newcomer,
                request.get("id").asString(),
                request.at("/currentProposal/id").asString(),
                proposedMentor,
                proposedMentor.equals(first) ? second : first,
                secondNewcomer,
                secondRequest.get("id").asString(),
                secondRequest.at("/currentProposal/id").asString(),
                secondMentor,
                matchedNewcomer,
                matchedRequest.get("id").asString(),
                match,
                matchedMentor,
                freeNewcomer,
                "c-" + tag);
    }

    private JsonNode proposed(String newcomer) {
        String token = tokens.token(newcomer, "NEWCOMER");
        Response submitted = api().post("/api/v1/match-requests", token, "{}");
        assertThat(submitted.status()).as("setting the scene: %s", submitted).isEqualTo(202);
        JsonNode request = api().get(
                        "/api/v1/match-requests/" + submitted.json().get("id").asString(), token)
                .json();
        assertThat(request.get("status").asString())
                .as("setting the scene: %s", request)
                .isEqualTo("PROPOSED");
        return request;
    }

    void awaitPeople(String... ids) {
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(database()
                        .getCollection("people")
                        .countDocuments(new Document("_id", new Document("$in", List.of(ids)))))
                .isEqualTo(ids.length));
    }

    /**
     * Waits until the database stops changing (the cast's events relayed and removed from the outboxes, the profile
     * snapshots of earlier test classes consumed), so that any later change is the work of the request under test.
     */
    Map<String, List<String>> awaitSettled() {
        AtomicReference<Map<String, List<String>>> last = new AtomicReference<>(Map.of());
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(700)).until(() -> {
            Map<String, List<String>> now = DatabaseSnapshot.of(database());
            boolean settled = now.equals(last.getAndSet(now));
            return settled
                    && now.values().stream()
                            .flatMap(List::stream)
                            .noneMatch(json -> json.contains("\"" + Outbox.FIELD + "\": [{"));
        });
        return last.get();
    }
}
