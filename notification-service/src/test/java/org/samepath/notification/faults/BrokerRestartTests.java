package org.samepath.notification.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.embedded.EmbeddedKafka;
import org.samepath.embedded.SmtpCatcher;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Kafka broker restarted mid-load (issue 6, item 3, notification-service's half): on a broker of its own, so
 * nothing else in this JVM notices, events are offered one after another while the broker is stopped and started
 * again on the same port and data. Every acknowledged event ends up as exactly one notification and exactly one email
 * per recipient: consumers resume from their committed offsets, and what was redelivered changes nothing.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerRestartTests {

    private static final String DATABASE = "notification_broker_restart_tests";
    private static final int EVENTS = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final EmbeddedKafka kafka = EmbeddedKafka.start(0);
    private static final SmtpCatcher smtp = SmtpCatcher.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            smtp.close();
        }));
    }

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
        registry.add("samepath.notifications.email.dispatch-interval", () -> "200ms");
        registry.add("samepath.notifications.email.retry-backoff", () -> "100ms");
        registry.add("samepath.notifications.email.max-retry-backoff", () -> "400ms");
    }

    @Test
    void everyEventOfferedAcrossABrokerRestartIsAnnouncedAndEmailedExactlyOnce() throws Exception {
        List<MatchRequestSubmitted> offered = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String newcomer = "n-" + UUID.randomUUID().toString().substring(0, 8);
            offered.add(new MatchRequestSubmitted(
                    UUID.randomUUID().toString(), "r-" + UUID.randomUUID(), newcomer, Instant.now()));
        }
        AtomicInteger acknowledged = new AtomicInteger();
        try (CloudEventProducer producer = new CloudEventProducer(kafka.bootstrapServers(), "/tests")) {
            for (MatchRequestSubmitted event : offered) {
                send(
                        producer,
                        new ContactPointChanged(
                                UUID.randomUUID().toString(),
                                event.newcomerId(),
                                1,
                                Instant.now(),
                                "Nia",
                                event.newcomerId() + "@example.org",
                                true));
            }
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> offered.forEach(event -> {
                send(producer, event);
                acknowledged.incrementAndGet();
            }));

            await().atMost(PROPAGATION).until(() -> acknowledged.get() >= EVENTS / 4);
            kafka.stop();
            await().pollDelay(OUTAGE).atMost(OUTAGE.multipliedBy(2)).until(() -> true); // the outage lasts a while
            assertThat(acknowledged.get())
                    .as("nothing is acknowledged while the broker is down")
                    .isLessThan(EVENTS);
            kafka.restart();
            load.get(PROPAGATION.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(acknowledged.get()).isEqualTo(EVENTS);
        MongoCollection<Document> notifications = mongo.getDatabase(DATABASE).getCollection("notifications");
        MongoCollection<Document> emails = mongo.getDatabase(DATABASE).getCollection("outgoing_emails");
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(emails.countDocuments(new Document("status", "SENT")))
                        .isEqualTo(EVENTS));
        for (MatchRequestSubmitted event : offered) {
            String notificationId = event.eventId() + ".to." + event.newcomerId();
            assertThat(notifications.countDocuments(new Document("eventId", event.eventId())))
                    .as(notificationId)
                    .isEqualTo(1);
            assertThat(emails.find(new Document("notificationId", notificationId))
                            .into(new ArrayList<>()))
                    .as(notificationId)
                    .singleElement()
                    .satisfies(email -> assertThat(email.getString("status")).isEqualTo("SENT"));
            assertThat(smtp.messages())
                    .filteredOn(message -> message.messageId().contains(notificationId))
                    .as("emails for " + notificationId)
                    .extracting(CaughtMessage::recipients)
                    .containsExactly(List.of(event.newcomerId() + "@example.org"));
        }
        assertThat(notifications.countDocuments()).isEqualTo(EVENTS);
    }

    private static void send(CloudEventProducer producer, DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        producer.send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
    }
}
