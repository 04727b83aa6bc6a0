package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.platform.events.EventJson;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.DatabaseScan;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.samepath.testsupport.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Erasure inside profile-service: {@code DELETE /api/v1/profiles/me} answers 204, puts tombstones on both compacted
 * topics, and leaves no trace of the person (id, name or email) in any collection of the service's database: not the
 * profile, not its audit trail, not a viewing grant on either side. Other people are untouched, and a person may come
 * back with a fresh profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final String DATABASE = "profile_erasure_tests";
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static TopicProbe profilesTopic;
    private static TopicProbe contactPointsTopic;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    @BeforeEach
    void probes() {
        if (profilesTopic == null) {
            String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
            profilesTopic = new TopicProbe(kafka, Topics.PROFILES);
            contactPointsTopic = new TopicProbe(kafka, Topics.CONTACT_POINTS);
        }
    }

    @AfterAll
    static void closeProbes() {
        if (profilesTopic != null) {
            profilesTopic.close();
            contactPointsTopic.close();
        }
    }

    /** Someone with a profile: their id, distinctive name and email. */
    private record Person(String id, String role, String displayName, String email) {
        String token() {
            return tokens.token(id, role);
        }

        String[] traces() {
            return new String[] {id, displayName, email};
        }
    }

    @Test
    void erasingANewcomerLeavesNoTraceAnywhereInTheDatabase() {
        Person newcomer = person("NEWCOMER", "Wilhelmina Forgetmenot");
        Person mentor = person("MENTOR", "Cornelius Staysput");
        approve(mentor);
        propose(mentor, newcomer);
        assertThat(documentsMentioning(newcomer))
                .as("before erasure the scan finds the profile and the viewing grant")
                .hasSizeGreaterThanOrEqualTo(2);

        Response erased = api().delete("/api/v1/profiles/me", newcomer.token());

        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(erased.body()).isEmpty();
        awaitTombstones(newcomer);
        assertGone(newcomer);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(documentsMentioning(newcomer)).isEmpty());
        assertUntouched(mentor);
    }

    @Test
    void erasingAMentorTakesTheirGrantsAndTheirAuditTrailWithThem() {
        Person mentor = person("MENTOR", "Bartholomew Vanishwell");
        Person newcomer = person("NEWCOMER", "Rosalind Remainder");
        approve(mentor);
        assertThat(api().send("POST", "/api/v1/mentors/me/pause", mentor.token(), null, null)
                        .status())
                .isEqualTo(200);
        propose(mentor, newcomer);

        assertThat(api().delete("/api/v1/profiles/me", mentor.token()).status()).isEqualTo(204);

        awaitTombstones(mentor);
        assertGone(mentor);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(documentsMentioning(mentor)).isEmpty());
        assertUntouched(newcomer);
        Response newcomerAudit = api().get("/api/v1/profiles/" + newcomer.id() + "/audit", coordinator());
        assertThat(newcomerAudit.status()).isEqualTo(200);
        assertThat(newcomerAudit.json().values()).hasSize(1);
    }

    @Test
    void erasingTwiceFindsNothingTheSecondTime() {
        Person newcomer = person("NEWCOMER", "Twice Gone");

        assertThat(api().delete("/api/v1/profiles/me", newcomer.token()).status())
                .isEqualTo(204);
        Response again = api().delete("/api/v1/profiles/me", newcomer.token());

        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.isProblem()).as(again.toString()).isTrue();
        assertThat(again.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void concurrentErasuresEraseOnce() throws Exception {
        Person newcomer = person("NEWCOMER", "Racing Eraser");
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api().delete("/api/v1/profiles/me", newcomer.token());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> call : calls) {
                statuses.add(call.get(30, TimeUnit.SECONDS).status());
            }

            assertThat(statuses).as("statuses %s", statuses).containsOnly(204, 404);
            assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        awaitTombstones(newcomer);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(documentsMentioning(newcomer)).isEmpty());
    }

    @Test
    void aReplacementRacingAnErasureNeverLeavesAnErasedPersonPublished() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> inconsistencies = new ArrayList<>();
        try {
            for (int round = 0; round < 15; round++) {
                Person person = person("NEWCOMER", "Racer Round" + round);
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> replace = pool.submit(() -> {
                    start.await();
                    return api().put(
                                    "/api/v1/profiles/me",
                                    person.token(),
                                    ProfileFixtures.newcomer(person.displayName() + " Renamed", person.email()));
                });
                Future<Response> erase = pool.submit(() -> {
                    start.await();
                    return api().delete("/api/v1/profiles/me", person.token());
                });
                start.countDown();
                int replaced = replace.get(30, TimeUnit.SECONDS).status();
                int erased = erase.get(30, TimeUnit.SECONDS).status();
                int exists = api().get("/api/v1/profiles/me", person.token()).status();
                if (exists == 404) {
                    // Gone for the API: the last word on both compacted topics must be the tombstone, or matching and
                    // notification keep (or get back) the person's data.
                    profilesTopic.await(
                            record -> person.id().equals(record.key()) && record.value() == null, PROPAGATION);
                    for (TopicProbe topic : List.of(profilesTopic, contactPointsTopic)) {
                        List<ConsumerRecord<String, byte[]>> forPerson = topic.drain(Duration.ofMillis(500)).stream()
                                .filter(TopicProbe.keyed(person.id()))
                                .toList();
                        ConsumerRecord<String, byte[]> last = forPerson.get(forPerson.size() - 1);
                        if (last.value() != null) {
                            inconsistencies.add(
                                    "round %d: PUT %d, DELETE %d, GET /me 404, but the last record on %s is %s"
                                            .formatted(round, replaced, erased, last.topic(), TopicProbe.value(last)));
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(inconsistencies).isEmpty();
    }

    @Test
    void aPersonMayComeBackWithAFreshProfile() {
        Person mentor = person("MENTOR", "Phoenix Returnington");
        approve(mentor);
        assertThat(api().delete("/api/v1/profiles/me", mentor.token()).status()).isEqualTo(204);
        ConsumerRecord<String, byte[]> tombstone = awaitTombstones(mentor);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(documentsMentioning(mentor)).isEmpty());

        Response back = api().put(
                        "/api/v1/profiles/me", mentor.token(), ProfileFixtures.mentor("Phoenix Anew", mentor.email()));

        assertThat(back.status()).as(back.toString()).isEqualTo(201);
        assertThat(back.json().get("version").asLong()).isEqualTo(1);
        assertThat(back.json().get("status").asString())
                .as("a returning mentor is vetted again")
                .isEqualTo("PENDING_APPROVAL");
        assertThat(back.json().get("displayName").asString()).isEqualTo("Phoenix Anew");
        profilesTopic.await(
                record -> mentor.id().equals(record.key())
                        && record.value() != null
                        && record.offset() > tombstone.offset()
                        && TopicProbe.value(record).contains("\"version\":1"),
                PROPAGATION);
        Response audit = api().get("/api/v1/profiles/" + mentor.id() + "/audit", coordinator());
        assertThat(audit.json().values())
                .as("the old trail went with the old profile: %s", audit)
                .extracting(entry -> entry.get("action").asString())
                .containsExactly("PROFILE_CREATED");
    }

    @Test
    void aProposalThatArrivesAfterErasureLeavesNoTrace() {
        Person newcomer = person("NEWCOMER", "Lateevent Newcomerly");
        Person mentor = person("MENTOR", "Lateevent Mentorson");
        Person stayingNewcomer = person("NEWCOMER", "Stays Newcomer");
        Person stayingMentor = person("MENTOR", "Stays Mentor");
        for (Person person : List.of(newcomer, mentor)) {
            assertThat(api().delete("/api/v1/profiles/me", person.token()).status())
                    .isEqualTo(204);
            awaitTombstones(person);
        }
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(documentsMentioning(newcomer, mentor))
                .isEmpty());

        // Matching proposed them to each other (and each to someone who stays) just before the erasure, or a
        // consumer rebalance redelivers those proposals: they arrive after the erasure.
        String requestId = "r-" + UUID.randomUUID();
        sendProposal(requestId, mentor, newcomer);
        sendProposal(requestId, stayingMentor, newcomer);
        sendProposal(requestId, mentor, stayingNewcomer);
        // A marker on the same key, so the same partition, after them: once it has taken effect, so have they.
        sendProposal(requestId, stayingMentor, stayingNewcomer);
        await().atMost(PROPAGATION)
                .until(() -> api().get("/api/v1/profiles/" + stayingNewcomer.id(), stayingMentor.token())
                                .status()
                        == 200);

        assertThat(api().get("/api/v1/profiles/" + newcomer.id(), stayingMentor.token())
                        .status())
                .isEqualTo(404);
        assertThat(documentsMentioning(newcomer, mentor))
                .as("a late event must not bring an erased person back into the database")
                .isEmpty();
    }

    @Test
    void someoneWhoComesBackIsNotShownToAMentorProposedToTheirFormerSelf() {
        Person newcomer = person("NEWCOMER", "Former Self");
        Person mentor = person("MENTOR", "Former Proposal");
        assertThat(api().delete("/api/v1/profiles/me", newcomer.token()).status())
                .isEqualTo(204);
        awaitTombstones(newcomer);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(documentsMentioning(newcomer)).isEmpty());
        String requestId = "r-" + UUID.randomUUID();
        sendProposal(requestId, mentor, newcomer);
        Person markerNewcomer = person("NEWCOMER", "Marker Newcomer");
        sendProposal(requestId, mentor, markerNewcomer);
        await().atMost(PROPAGATION)
                .until(() -> api().get("/api/v1/profiles/" + markerNewcomer.id(), mentor.token())
                                .status()
                        == 200);

        Response back = api().put(
                        "/api/v1/profiles/me",
                        newcomer.token(),
                        ProfileFixtures.newcomer("A New Start", "new-" + newcomer.email()));
        assertThat(back.status()).as(back.toString()).isEqualTo(201);

        Response seenByMentor = api().get("/api/v1/profiles/" + newcomer.id(), mentor.token());
        assertThat(seenByMentor.status())
                .as("a proposal to the erased profile must not open the new one: %s", seenByMentor)
                .isEqualTo(404);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Person person(String role, String displayName) {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String email = id + "@erasure.example.org";
        String body = role.equals("MENTOR")
                ? ProfileFixtures.mentor(displayName, email)
                : ProfileFixtures.newcomer(displayName, email);
        Response created = api().put("/api/v1/profiles/me", tokens.token(id, role), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Person(id, role, displayName, email);
    }

    private void approve(Person mentor) {
        Response approved =
                api().send("POST", "/api/v1/mentors/" + mentor.id() + "/approve", coordinator(), null, null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    }

    /** A pending proposal, as matching-service announces it; waits until the mentor may see the newcomer. */
    private void propose(Person mentor, Person newcomer) {
        sendProposal("r-" + UUID.randomUUID(), mentor, newcomer);
        await().atMost(PROPAGATION)
                .until(() -> api().get("/api/v1/profiles/" + newcomer.id(), mentor.token())
                                .status()
                        == 200);
    }

    private static void sendProposal(String requestId, Person mentor, Person newcomer) {
        Instant now = Instant.now();
        MentorProposed proposal = new MentorProposed(
                UUID.randomUUID().toString(),
                requestId,
                newcomer.id(),
                "pr-" + UUID.randomUUID(),
                mentor.id(),
                now,
                88,
                List.of("both in recovery from alcohol use"),
                now.plus(Duration.ofHours(48)));
        try (CloudEventProducer producer = new CloudEventProducer(
                TestInfrastructure.shared().kafkaBootstrapServers(), "/samepath/matching-service")) {
            producer.sendBytes(
                    Topics.MATCHING,
                    proposal.requestId(),
                    EventCatalog.MENTOR_PROPOSED.type(),
                    proposal.eventId(),
                    EventJson.MAPPER.writeValueAsBytes(proposal));
        }
    }

    /** A null value under the person's key on both compacted topics, and nothing after it; returns the profiles one. */
    private ConsumerRecord<String, byte[]> awaitTombstones(Person person) {
        ConsumerRecord<String, byte[]> tombstone =
                profilesTopic.await(record -> person.id().equals(record.key()) && record.value() == null, PROPAGATION);
        contactPointsTopic.await(record -> person.id().equals(record.key()) && record.value() == null, PROPAGATION);
        for (TopicProbe topic : List.of(profilesTopic, contactPointsTopic)) {
            List<ConsumerRecord<String, byte[]>> forPerson = topic.drain(Duration.ofMillis(500)).stream()
                    .filter(TopicProbe.keyed(person.id()))
                    .toList();
            assertThat(forPerson).as("records for %s", person.id()).isNotEmpty();
            assertThat(forPerson.get(forPerson.size() - 1).value())
                    .as("the last record for the key is the tombstone, so compaction removes the rest")
                    .isNull();
        }
        return tombstone;
    }

    private void assertGone(Person person) {
        assertNotFoundProblem(api().get("/api/v1/profiles/me", person.token()));
        assertNotFoundProblem(api().get("/api/v1/profiles/" + person.id(), person.token()));
        assertNotFoundProblem(api().get("/api/v1/profiles/" + person.id(), coordinator()));
        assertNotFoundProblem(api().get("/api/v1/profiles/" + person.id() + "/audit", coordinator()));
        Response mentors = api().get("/api/v1/mentors", coordinator());
        assertThat(mentors.body()).doesNotContain(person.id(), person.displayName());
    }

    private void assertUntouched(Person person) {
        Response own = api().get("/api/v1/profiles/me", person.token());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("displayName").asString()).isEqualTo(person.displayName());
        assertThat(documentsMentioning(person)).isNotEmpty();
    }

    private static void assertNotFoundProblem(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }

    private List<String> documentsMentioning(Person... people) {
        return DatabaseScan.documentsMentioning(
                mongoClient,
                List.of(DATABASE),
                Stream.of(people).flatMap(person -> Stream.of(person.traces())).toArray(String[]::new));
    }

    private static String coordinator() {
        return tokens.token("c-erasure", "COORDINATOR");
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }
}
