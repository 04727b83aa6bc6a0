package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.platform.outbox.Outbox;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the hostile-input and safety-access tests of profile-service share: ONE application context (same properties,
 * so Spring caches it), the shared Kafka and MongoDB, and a {@link Cast} with a person in every state an endpoint acts
 * on, built through the real API (and, for a proposal, the matching topic as matching-service would publish it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProfileApiTestContext {

    static final String DATABASE = "profile_api_tests";
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

    /**
     * A newcomer with a pending proposal from a mentor (so each may see and report the other), a second newcomer, a
     * newcomer who may be erased, mentors pending, approved (twice), paused and suspended, a mentor with nothing to do
     * with anyone, and a coordinator.
     */
    record Cast(
            String tag,
            String newcomer,
            String otherNewcomer,
            String erasableNewcomer,
            String proposedMentor,
            String pendingMentor,
            String approvedMentor,
            String secondApprovedMentor,
            String pausedMentor,
            String suspendedMentor,
            String unrelatedMentor,
            String coordinator) {

        List<String> people() {
            return List.of(
                    newcomer,
                    otherNewcomer,
                    erasableNewcomer,
                    proposedMentor,
                    pendingMentor,
                    approvedMentor,
                    secondApprovedMentor,
                    pausedMentor,
                    suspendedMentor,
                    unrelatedMentor,
                    coordinator);
        }

        String token(String personId) {
            return tokens.token(personId, role(personId));
        }

        static String role(String personId) {
            return personId.startsWith("c-") ? "COORDINATOR" : personId.startsWith("m") ? "MENTOR" : "NEWCOMER";
        }

        static String displayName(String personId) {
            return "Person " + personId;
        }

        static String email(String personId) {
            return personId + "@example.org";
        }

        /** Names and emails of the cast: what no refusal may reveal. */
        String[] secrets() {
            return people().stream()
                    .flatMap(id -> Stream.of(displayName(id), email(id)))
                    .toArray(String[]::new);
        }
    }

    /** The whole cast, every mentor in the state its name says. */
    Cast cast() {
        return cast(true);
    }

    /**
     * Only the newcomer, the mentor proposed to them, a second newcomer and an unrelated mentor (with the coordinator,
     * who needs no profile): enough for who may report whom, and quicker to set.
     */
    Cast pair() {
        return cast(false);
    }

    private Cast cast(boolean everyMentorState) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Cast cast = new Cast(
                tag,
                "n1-" + tag,
                "n2-" + tag,
                "ne-" + tag,
                "mp-" + tag,
                "mq-" + tag,
                "ma-" + tag,
                "mb-" + tag,
                "mz-" + tag,
                "ms-" + tag,
                "mu-" + tag,
                "c-" + tag);
        String coordinator = cast.token(cast.coordinator());
        if (everyMentorState) {
            cast.people().stream().filter(id -> !id.startsWith("c-")).forEach(this::createProfile);
            for (String approved : List.of(cast.approvedMentor(), cast.secondApprovedMentor(), cast.pausedMentor())) {
                arrange(api().send("POST", "/api/v1/mentors/" + approved + "/approve", coordinator, null, null));
            }
            arrange(api().send("POST", "/api/v1/mentors/me/pause", cast.token(cast.pausedMentor()), null, null));
            arrange(api().send(
                            "POST", "/api/v1/mentors/" + cast.suspendedMentor() + "/suspend", coordinator, null, null));
        } else {
            Stream.of(cast.newcomer(), cast.otherNewcomer(), cast.proposedMentor(), cast.unrelatedMentor())
                    .forEach(this::createProfile);
        }
        for (String approved : List.of(cast.proposedMentor(), cast.unrelatedMentor())) {
            arrange(api().send("POST", "/api/v1/mentors/" + approved + "/approve", coordinator, null, null));
        }
        propose(cast.proposedMentor(), cast.newcomer());
        await().atMost(PROPAGATION)
                .until(() -> api().get("/api/v1/profiles/" + cast.newcomer(), cast.token(cast.proposedMentor()))
                                .status()
                        == 200);
        return cast;
    }

    private void createProfile(String personId) {
        String body = Cast.role(personId).equals("MENTOR")
                ? ProfileFixtures.mentor(Cast.displayName(personId), Cast.email(personId))
                : ProfileFixtures.newcomer(Cast.displayName(personId), Cast.email(personId));
        Response created = api().put("/api/v1/profiles/me", tokens.token(personId, Cast.role(personId)), body);
        assertThat(created.status())
                .as("setting the scene, %s: %s", personId, created)
                .isEqualTo(201);
    }

    private static void arrange(Response response) {
        assertThat(response.status()).as("setting the scene: %s", response).isEqualTo(200);
    }

    /** A pending proposal as matching-service announces it: the mentor may now see the newcomer, each report the other. */
    static void propose(String mentor, String newcomer) {
        Instant now = Instant.now();
        MentorProposed proposed = new MentorProposed(
                UUID.randomUUID().toString(),
                "r-" + UUID.randomUUID(),
                newcomer,
                "pr-" + UUID.randomUUID(),
                mentor,
                now,
                80,
                List.of("both in recovery from alcohol use"),
                now.plus(Duration.ofDays(3)));
        producer()
                .send(
                        Topics.MATCHING,
                        proposed.requestId(),
                        EventCatalog.MENTOR_PROPOSED.type(),
                        proposed.eventId(),
                        proposed);
    }

    static synchronized CloudEventProducer producer() {
        if (producer == null) {
            producer = new CloudEventProducer(
                    TestInfrastructure.shared().kafkaBootstrapServers(), "/samepath/matching-service");
        }
        return producer;
    }

    /**
     * Waits until the database stops changing (the cast's events relayed and removed from the outboxes, the matching
     * events of earlier test classes consumed), so that any later change is the work of the request under test.
     */
    void awaitSettled() {
        AtomicReference<Map<String, List<String>>> last = new AtomicReference<>(Map.of());
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(700)).until(() -> {
            Map<String, List<String>> now = DatabaseSnapshot.of(database());
            boolean settled = now.equals(last.getAndSet(now));
            return settled
                    && now.values().stream()
                            .flatMap(List::stream)
                            .noneMatch(json -> json.contains("\"" + Outbox.FIELD + "\": [{"));
        });
    }
}
