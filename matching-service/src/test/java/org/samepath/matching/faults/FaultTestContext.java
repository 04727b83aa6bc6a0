package org.samepath.matching.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.Consent;
import org.samepath.contracts.profile.ConsentedTag;
import org.samepath.contracts.profile.MatchPreference;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.embedded.EmbeddedKafka;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ConsumerGroups;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One matching-service context (its own database and consumer groups) shared by the fault tests, with helpers that
 * play profile-service on its topics: profile snapshots, erasure tombstones and reports.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"samepath.matching.timer-interval=300ms"})
abstract class FaultTestContext {

    static final String DATABASE = "matching_fault_tests";
    static final String PROFILES_LISTENER = "matching-profile-snapshots";
    static final String SAFETY_LISTENER = "matching-safety";
    static final Duration PROPAGATION = Duration.ofSeconds(30);
    /**
     * A broker of the fault tests' own: the poison they write, and the replays they start, never reach the topics
     * that the other tests' consumer groups read from the beginning.
     */
    static final EmbeddedKafka kafka = EmbeddedKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    }

    static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    static final ConsumerGroups groups = new ConsumerGroups(bootstrap());
    static final CloudEventProducer producer = new CloudEventProducer(bootstrap(), "/samepath/profile-service");

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    static String bootstrap() {
        return kafka.bootstrapServers();
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    MongoDatabase database() {
        return mongo.getDatabase(DATABASE);
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    String group(String listenerId) {
        return listeners.getListenerContainer(listenerId).getGroupId();
    }

    static MatchableProfileChanged mentor(
            String id, long version, ProfileStatus status, int capacity, String language) {
        return new MatchableProfileChanged(
                UUID.randomUUID().toString(),
                id,
                version,
                Instant.now(),
                Role.MENTOR,
                status,
                List.of(language, "en"),
                "America/Chicago",
                "woman",
                "35-44",
                List.of("MON_EVENING", "SAT_MORNING"),
                List.of("TWELVE_STEP"),
                List.of(new ConsentedTag("substance:alcohol", Consent.MATCH_AND_SHARE)),
                List.of(),
                null,
                List.of(),
                List.of(),
                LocalDate.of(2012, 5, 1),
                capacity);
    }

    static MatchableProfileChanged newcomer(String id, long version, String mustSpeak) {
        return new MatchableProfileChanged(
                UUID.randomUUID().toString(),
                id,
                version,
                Instant.now(),
                Role.NEWCOMER,
                ProfileStatus.ACTIVE,
                List.of(mustSpeak, "en"),
                "America/Chicago",
                "woman",
                "25-34",
                List.of("MON_EVENING"),
                List.of("TWELVE_STEP"),
                List.of(new ConsentedTag("substance:alcohol", Consent.MATCH_AND_SHARE)),
                List.of(),
                null,
                List.of(),
                List.of(new MatchPreference("LANGUAGE", mustSpeak, "MUST")),
                null,
                null);
    }

    static void publish(MatchableProfileChanged snapshot) {
        producer.send(
                Topics.PROFILES,
                snapshot.personId(),
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                snapshot.eventId(),
                snapshot);
    }

    static void erase(String personId) {
        producer.sendBytes(
                Topics.PROFILES,
                personId,
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                UUID.randomUUID().toString(),
                null);
    }

    static PersonReported report(String reporterId, String subjectId, boolean rematch) {
        PersonReported report = new PersonReported(
                UUID.randomUUID().toString(), newId("rep"), reporterId, subjectId, Instant.now(), rematch);
        producer.send(Topics.SAFETY, reporterId, EventCatalog.PERSON_REPORTED.type(), report.eventId(), report);
        return report;
    }

    Document person(String personId) {
        return database()
                .getCollection("people")
                .find(new Document("_id", personId))
                .first();
    }

    void awaitPeople(String... ids) {
        await().atMost(PROPAGATION).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(person(id)).as(id).isNotNull();
            }
        });
    }

    JsonNode submit(String newcomer) {
        Response response = api().post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    JsonNode request(String requestId, String newcomer) {
        Response response = api().get("/api/v1/match-requests/" + requestId, tokens.token(newcomer, "NEWCOMER"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    Response respond(String proposalId, String mentor, String answer) {
        String body = answer.equals("decline") ? "{\"reason\":\"Not this month\"}" : "";
        return api().post("/api/v1/proposals/" + proposalId + "/" + answer, tokens.token(mentor, "MENTOR"), body);
    }
}
