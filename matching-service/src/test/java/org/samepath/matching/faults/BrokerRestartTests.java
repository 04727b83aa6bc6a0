package org.samepath.matching.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.embedded.EmbeddedKafka;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestTokenIssuer;
import org.samepath.testsupport.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Kafka broker restarted mid-load (issue 6, item 3, matching-service's half): on a broker of its own, newcomers ask
 * for a mentor before, during and after the broker is down. Every request is proposed exactly once, to the one mentor
 * who fits it, and its events reach the topic once the broker is back (the outbox keeps them meanwhile): one
 * request-submitted and one mentor-proposed event id per request, however often the relay had to try.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"samepath.matching.timer-interval=300ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerRestartTests {

    private static final String DATABASE = "matching_broker_restart_tests";
    private static final int REQUESTS = 30;
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final EmbeddedKafka kafka = EmbeddedKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    @Test
    void everyRequestMadeAcrossABrokerRestartIsProposedOnceAndItsEventsPublishedOnce() {
        List<String> mentors = new ArrayList<>();
        List<String> newcomers = new ArrayList<>();
        try (CloudEventProducer producer = new CloudEventProducer(kafka.bootstrapServers(), "/tests")) {
            for (int i = 0; i < REQUESTS; i++) {
                // One language per pair, so exactly one mentor fits each newcomer.
                String language = "lang-" + UUID.randomUUID().toString().substring(0, 8);
                mentors.add(FaultTestContext.newId("mentor"));
                newcomers.add(FaultTestContext.newId("newcomer"));
                publish(producer, FaultTestContext.mentor(mentors.get(i), 1, ProfileStatus.APPROVED, 1, language));
                publish(producer, FaultTestContext.newcomer(newcomers.get(i), 1, language));
            }
        }
        MongoCollection<Document> people = mongo.getDatabase(DATABASE).getCollection("people");
        await().atMost(PROPAGATION).until(() -> people.countDocuments() == 2L * REQUESTS);

        List<String> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (i == REQUESTS / 3) {
                kafka.stop();
            }
            if (i == 2 * REQUESTS / 3) {
                kafka.restart();
            }
            requests.add(submit(newcomers.get(i)));
        }

        MongoCollection<Document> matchRequests = mongo.getDatabase(DATABASE).getCollection("match_requests");
        await().atMost(PROPAGATION)
                .until(() ->
                        matchRequests.countDocuments(new Document("outbox.0", new Document("$exists", true))) == 0);
        for (int i = 0; i < REQUESTS; i++) {
            String requestId = requests.get(i);
            String mentor = mentors.get(i);
            Document request =
                    matchRequests.find(new Document("_id", requestId)).first();
            assertThat(request).as(requestId).isNotNull();
            assertThat(request.getString("status")).as(requestId).isEqualTo("PROPOSED");
            assertThat(request.getList("proposals", Document.class))
                    .as(requestId)
                    .singleElement()
                    .satisfies(proposal ->
                            assertThat(proposal.getString("mentorId")).isEqualTo(mentor));
        }
        Set<String> expectedTypes =
                Set.of(EventCatalog.MATCH_REQUEST_SUBMITTED.type(), EventCatalog.MENTOR_PROPOSED.type());
        try (TopicProbe topic = new TopicProbe(kafka.bootstrapServers(), Topics.MATCHING)) {
            await().atMost(PROPAGATION)
                    .untilAsserted(() -> assertThat(eventIdsByRequestAndType(topic, Duration.ofMillis(300)))
                            .hasSize(REQUESTS * expectedTypes.size()));
            Map<String, Set<String>> eventIds = eventIdsByRequestAndType(topic, Duration.ZERO);
            for (String request : requests) {
                for (String type : expectedTypes) {
                    assertThat(eventIds.get(request + " " + type))
                            .as(request + " " + type)
                            .hasSize(1);
                }
            }
        }
    }

    /** The distinct event ids on the topic, grouped by request (the record key) and type. */
    private static Map<String, Set<String>> eventIdsByRequestAndType(TopicProbe topic, Duration poll) {
        return topic.drain(poll).stream()
                .filter(record -> record.value() != null)
                .collect(Collectors.groupingBy(
                        (ConsumerRecord<String, byte[]> record) ->
                                record.key() + " " + TopicProbe.header(record, "ce_type"),
                        Collectors.mapping(record -> TopicProbe.header(record, "ce_id"), Collectors.toSet())));
    }

    private String submit(String newcomer) {
        Response response = new ApiClient("http://127.0.0.1:" + port)
                .post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("status").asString())
                .as(response.toString())
                .isEqualTo("PROPOSED");
        return response.json().get("id").asString();
    }

    private static void publish(CloudEventProducer producer, MatchableProfileChanged snapshot) {
        producer.send(
                Topics.PROFILES,
                snapshot.personId(),
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                snapshot.eventId(),
                snapshot);
    }
}
