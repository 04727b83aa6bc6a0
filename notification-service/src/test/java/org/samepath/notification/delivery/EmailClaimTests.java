package org.samepath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samepath.notification.delivery.OutgoingEmails.Claim;
import org.samepath.testsupport.TestInfrastructure;

/**
 * The claim that keeps an email from being sent twice, on the shared MongoDB (the embedded stand-in or a real one):
 * two "instances" (two clients, two stores) race for the same emails, and a claim whose lease ran out is taken over.
 */
class EmailClaimTests {

    private static final DeliveryProperties.Email SETTINGS = new DeliveryProperties.Email(
            "from@example.org",
            Duration.ofSeconds(1),
            Duration.ofMinutes(2),
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            2,
            20);

    private final String databaseName =
            "notification_claims_" + UUID.randomUUID().toString().substring(0, 8);
    private final MongoClient instanceA = client();
    private final MongoClient instanceB = client();
    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T10:00:00Z"));

    @AfterEach
    void dropDatabase() {
        instanceA.getDatabase(databaseName).drop();
        instanceA.close();
        instanceB.close();
    }

    @Test
    void dispatchersOnTwoInstancesClaimEachEmailExactlyOnce() throws Exception {
        OutgoingEmails onA = new OutgoingEmails(database(instanceA), clock, SETTINGS);
        OutgoingEmails onB = new OutgoingEmails(database(instanceB), clock, SETTINGS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "event-" + i + ".to.p-" + i;
            onA.enqueue(id, id, "p" + i + "@example.org", "p-" + i, List.of("p-" + i));
            ids.add(id);
        }
        ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
        ExecutorService dispatchers = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OutgoingEmails store = i % 2 == 0 ? onA : onB;
            running.add(dispatchers.submit(() -> {
                for (Optional<Claim> claim = store.claimNext(); claim.isPresent(); claim = store.claimNext()) {
                    sent.add(claim.get().id());
                    assertThat(store.markSent(claim.get())).isTrue();
                }
            }));
        }
        for (Future<?> dispatcher : running) {
            dispatcher.get();
        }
        dispatchers.shutdown();

        assertThat(sent).hasSize(40).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(database(instanceA).getCollection("outgoing_emails").distinct("status", String.class))
                .containsExactly("SENT");
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverAndTheOldHolderCannotSettleIt() {
        OutgoingEmails onA = new OutgoingEmails(database(instanceA), clock, SETTINGS);
        OutgoingEmails onB = new OutgoingEmails(database(instanceB), clock, SETTINGS);
        onA.enqueue("e.to.p", "e.to.p", "p@example.org", "p", List.of("p"));

        Claim first = onA.claimNext().orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        assertThat(onB.claimNext()).as("leased to the first dispatcher").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        Claim takeover = onB.claimNext().orElseThrow();

        assertThat(onA.markSent(first)).isFalse();
        assertThat(onB.markSent(takeover)).isTrue();
        assertThat(status("e.to.p")).isEqualTo("SENT");
        assertThat(onA.claimNext()).isEmpty();
    }

    @Test
    void aFailedSendWaitsLongerAfterEachFailure() {
        OutgoingEmails emails = new OutgoingEmails(database(instanceA), clock, SETTINGS);
        emails.enqueue("e.to.p", "e.to.p", "p@example.org", "p", List.of("p"));

        emails.retryLater(emails.claimNext().orElseThrow(), new IllegalStateException("smtp down"));
        assertThat(status("e.to.p")).isEqualTo("PENDING");
        assertThat(emails.claimNext()).as("not before the back-off").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        emails.retryLater(emails.claimNext().orElseThrow(), new IllegalStateException("smtp down"));
        clock.advance(Duration.ofSeconds(2));
        assertThat(emails.claimNext()).as("the second wait is twice as long").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        Claim third = emails.claimNext().orElseThrow();

        assertThat(third.attempts()).isEqualTo(3);
        emails.putBack(third);
        assertThat(emails.claimNext().orElseThrow().attempts())
                .as("an attempt the breaker refused does not count")
                .isEqualTo(3);
    }

    @Test
    void anEmailIsQueuedOncePerId() {
        OutgoingEmails emails = new OutgoingEmails(database(instanceA), clock, SETTINGS);

        assertThat(emails.enqueue("e.to.p", "e.to.p", "p@example.org", "p", List.of("p")))
                .isTrue();
        assertThat(emails.enqueue("e.to.p", "e.to.p", "p@example.org", "p", List.of("p")))
                .isFalse();
        assertThat(database(instanceA).getCollection("outgoing_emails").countDocuments())
                .isEqualTo(1);
    }

    private String status(String id) {
        return database(instanceA)
                .getCollection("outgoing_emails")
                .find(new Document("_id", id))
                .first()
                .getString("status");
    }

    private MongoDatabase database(MongoClient client) {
        return client.getDatabase(databaseName);
    }

    private MongoClient client() {
        return MongoClients.create(TestInfrastructure.shared().mongoUri(databaseName));
    }

    private static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
