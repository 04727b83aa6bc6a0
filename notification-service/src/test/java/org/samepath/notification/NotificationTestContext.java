package org.samepath.notification;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.embedded.SmtpCatcher;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every notification-service test shares: ONE application context (same properties everywhere, so Spring
 * caches it and only one set of consumers is in each consumer group), the shared Kafka and MongoDB, a GreenMail SMTP
 * server on a free port, and helpers that play the other services on their topics. Each test isolates itself with
 * fresh ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class NotificationTestContext {

    static final String DATABASE = "notification_tests";
    static final String COORDINATOR_EMAIL = "coordinators@example.org";
    static final Duration PROPAGATION = Duration.ofSeconds(30);
    static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    static final SmtpCatcher smtp = SmtpCatcher.start(0);

    private static final Map<String, String> CONSUMER_GROUPS = Map.of(
            Topics.MATCHING, "notification-matching",
            Topics.SAFETY, "notification-safety",
            Topics.CONTACT_POINTS, "notification-contact-points");

    private static CloudEventProducer producer;
    private static Admin admin;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "1000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        registry.add("samepath.notifications.coordinator-emails", () -> COORDINATOR_EMAIL);
        registry.add("samepath.notifications.email.dispatch-interval", () -> "200ms");
        registry.add("samepath.notifications.email.retry-backoff", () -> "100ms");
        registry.add("samepath.notifications.email.max-retry-backoff", () -> "400ms");
        registry.add("samepath.notifications.stream.poll-interval", () -> "200ms");
        registry.add("samepath.notifications.stream.heartbeat", () -> "500ms");
        registry.add("resilience4j.retry.instances.smtp.max-attempts", () -> "2");
        registry.add("resilience4j.retry.instances.smtp.wait-duration", () -> "50ms");
        registry.add("resilience4j.circuitbreaker.instances.smtp.sliding-window-size", () -> "6");
        registry.add("resilience4j.circuitbreaker.instances.smtp.minimum-number-of-calls", () -> "3");
        registry.add("resilience4j.circuitbreaker.instances.smtp.wait-duration-in-open-state", () -> "2s");
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    MongoDatabase database() {
        return mongoClient.getDatabase(DATABASE);
    }

    MongoCollection<Document> notifications() {
        return database().getCollection("notifications");
    }

    MongoCollection<Document> outgoingEmails() {
        return database().getCollection("outgoing_emails");
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String eventId() {
        return UUID.randomUUID().toString();
    }

    static Instant now() {
        return Instant.now();
    }

    /** Publishes the event as its producing service would and waits until this service has consumed it. */
    RecordMetadata deliver(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        RecordMetadata sent = producer().send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        awaitConsumed(sent);
        return sent;
    }

    /** Publishes all the events, then waits until every one of them has been consumed. */
    void deliverAll(DomainEvent... events) {
        List<RecordMetadata> sent = new ArrayList<>();
        for (DomainEvent event : events) {
            EventType<?> type = EventCatalog.of(event.getClass());
            sent.add(producer().send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event));
        }
        sent.forEach(this::awaitConsumed);
    }

    /** A contact point as profile-service publishes it, applied here before this returns. */
    void contactPoint(String personId, String displayName, String email, boolean emailOptIn) {
        deliver(new ContactPointChanged(eventId(), personId, 1, now(), displayName, email, emailOptIn));
    }

    /** The erasure tombstone profile-service publishes, processed here before this returns. */
    void eraseContactPoint(String personId) {
        awaitConsumed(producer()
                .sendBytes(
                        Topics.CONTACT_POINTS, personId, EventCatalog.CONTACT_POINT_CHANGED.type(), eventId(), null));
    }

    /** Waits until the consumer group of the record's topic has committed past it: all its effects are stored. */
    void awaitConsumed(RecordMetadata record) {
        String group = CONSUMER_GROUPS.get(record.topic());
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(100)).until(() -> {
            OffsetAndMetadata committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed != null && committed.offset() > record.offset();
        });
    }

    static synchronized CloudEventProducer producer() {
        if (producer == null) {
            producer = new CloudEventProducer(
                    TestInfrastructure.shared().kafkaBootstrapServers(), "/samepath/matching-service");
        }
        return producer;
    }

    static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.shared().kafkaBootstrapServers()));
        }
        return admin;
    }

    /** The notifications one event created, keyed by recipient id (or audience), valued by type. */
    Map<String, String> typesByAddressee(String eventId) {
        Map<String, String> types = new java.util.TreeMap<>();
        notifications().find(new Document("eventId", eventId)).forEach(notification -> {
            String addressee = notification.getString("recipientId") != null
                    ? notification.getString("recipientId")
                    : notification.getString("audience");
            types.put(addressee, notification.getString("type"));
        });
        return types;
    }

    Document notification(String eventId, String personId) {
        return notifications()
                .find(new Document("_id", eventId + ".to." + personId))
                .first();
    }

    Document coordinatorAlert(String eventId) {
        return notifications()
                .find(new Document("_id", eventId + ".to-coordinators"))
                .first();
    }
}
