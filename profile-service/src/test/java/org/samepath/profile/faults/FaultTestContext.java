package org.samepath.profile.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.embedded.EmbeddedKafka;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ConsumerGroups;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One profile-service context (its own database and consumer group) shared by the fault tests, with helpers that
 * create people through the API and play matching-service on its lifecycle topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FaultTestContext {

    static final String DATABASE = "profile_fault_tests";
    static final String LIFECYCLE_LISTENER = "profile-matching-lifecycle";
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
    static final CloudEventProducer producer = new CloudEventProducer(bootstrap(), "/samepath/matching-service");

    /** A newcomer and a mentor who both have a profile, and the ids of one request and proposal between them. */
    record Pair(String newcomerId, String mentorId, String requestId, String proposalId) {}

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

    Pair pair() {
        String newcomer = newId("n");
        String mentor = newId("m");
        create(newcomer, "NEWCOMER", ProfileFixtures.newcomer("Nia " + newcomer, newcomer + "@example.org"));
        create(mentor, "MENTOR", ProfileFixtures.mentor("Marco " + mentor, mentor + "@example.org"));
        return new Pair(newcomer, mentor, newId("r"), newId("pr"));
    }

    private void create(String personId, String role, String body) {
        Response created = api().put("/api/v1/profiles/me", tokens.token(personId, role), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    static MentorProposed proposed(Pair pair) {
        Instant now = Instant.now();
        return new MentorProposed(
                UUID.randomUUID().toString(),
                pair.requestId(),
                pair.newcomerId(),
                pair.proposalId(),
                pair.mentorId(),
                now,
                80,
                List.of("both in recovery from alcohol use"),
                now.plus(Duration.ofHours(72)));
    }

    static <T extends DomainEvent> T send(T event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        producer.send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        return event;
    }

    /** The mentor's grant to view the newcomer, or null. */
    Document grant(Pair pair) {
        return database()
                .getCollection("viewing_grants")
                .find(new Document("_id", pair.mentorId() + "|" + pair.newcomerId()))
                .first();
    }

    int viewStatus(Pair pair) {
        return api().get("/api/v1/profiles/" + pair.newcomerId(), tokens.token(pair.mentorId(), "MENTOR"))
                .status();
    }
}
