package org.samepath.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samepath.testsupport.TestInfrastructure;

/**
 * What a poll for other instances' notifications reads, counted, on the shared MongoDB (the embedded stand-in or a
 * real one): keys of what was created lately, whoever is connected; whole documents only for what a stream here waits
 * for, once each however many polls see it. Notifications are inserted as another instance would.
 */
class StreamPollerTests {

    private static final Duration DONE = Duration.ofSeconds(10);

    private final String databaseName =
            "notification_poller_" + UUID.randomUUID().toString().substring(0, 8);
    private final MongoClient client =
            MongoClients.create(TestInfrastructure.shared().mongoUri(databaseName));
    private final MongoDatabase database = client.getDatabase(databaseName);
    private final MongoCollection<Document> notifications = database.getCollection("notifications");
    private final NotificationFeed feed = new NotificationFeed(database);

    private StreamFixtures fixtures = new StreamFixtures();
    private StreamPoller poller = poller(fixtures, StreamFixtures.PROPERTIES);

    @AfterEach
    void dropDatabase() {
        fixtures.stream.close();
        database.drop();
        client.close();
    }

    @Test
    void eachNotificationIsLoadedOnceHoweverManyPollsSeeIt() {
        RecordingEmitter reader = fixtures.connect("reader");
        insertFromAnotherInstance("for-reader-1", "reader", now());
        insertFromAnotherInstance("for-reader-2", "reader", now());
        insertOthers(20, now());

        for (int poll = 0; poll < 3; poll++) {
            poller.poll();
            fixtures.advance(Duration.ofMillis(500));
        }

        await().atMost(DONE).until(() -> reader.notificationIds().size() == 2);
        assertThat(reader.notificationIds()).containsExactly("for-reader-1", "for-reader-2");
        assertThat(feed.documentsRead()).isEqualTo(2);
        assertThat(feed.keysRead())
                .as("each poll read the keys of the last moments once")
                .isEqualTo(3 * 22);
    }

    @Test
    void whatAPollReadsDoesNotGrowWithThePeopleConnected() {
        fixtures.connect("reader");
        insertOthers(20, now());
        poller.poll();
        long keysWithOneConnected = feed.keysRead();

        IntStream.range(0, 2_000).forEach(i -> fixtures.connect("mentor-" + i));
        fixtures.advance(Duration.ofMillis(10));
        insertFromAnotherInstance("for-mentor-7", "mentor-7", now());
        poller.poll();

        assertThat(keysWithOneConnected).isEqualTo(20);
        assertThat(feed.keysRead() - keysWithOneConnected).isEqualTo(21);
        assertThat(feed.documentsRead())
                .as("only the one a stream here waits for")
                .isEqualTo(1);
    }

    @Test
    void nothingIsReadWhileNobodyIsConnected() {
        insertOthers(20, now());

        poller.poll();
        poller.poll();

        assertThat(feed.keyQueries()).isZero();
    }

    @Test
    void aNotificationPublishedHereIsNotLoadedAgain() {
        RecordingEmitter reader = fixtures.connect("reader");
        Document stored = insertFromAnotherInstance("created-here", "reader", now());
        fixtures.stream.publish(NotificationDocuments.view(stored, null));

        poller.poll();

        assertThat(feed.keysRead()).isEqualTo(1);
        assertThat(feed.documentsRead()).isZero();
        await().atMost(DONE).until(() -> reader.notificationIds().contains("created-here"));
        assertThat(reader.notificationIds()).containsExactly("created-here");
    }

    @Test
    void aBacklogIsReadInBoundedBatches() {
        StreamProperties smallBatches = withBatchSize(10);
        fixtures.stream.close();
        fixtures = new StreamFixtures(smallBatches);
        poller = poller(fixtures, smallBatches);
        RecordingEmitter reader = fixtures.connect("reader");
        Instant at = now();
        // All in one millisecond, so the batches must page by id as well as time.
        List<String> ids = IntStream.range(0, 25)
                .mapToObj(i -> String.format("backlog-%02d", i))
                .toList();
        ids.forEach(id -> insertFromAnotherInstance(id, "reader", at));

        poller.poll();

        assertThat(feed.keyQueries()).isEqualTo(3);
        assertThat(feed.keysRead()).isEqualTo(25);
        await().atMost(DONE).until(() -> reader.notificationIds().size() == 25);
        assertThat(reader.notificationIds()).containsExactlyElementsOf(ids);
    }

    @Test
    void anInsertThatBecameVisibleLateIsFoundWithinTheOverlapOrByTheReadBack() {
        RecordingEmitter reader = fixtures.connect("reader");
        fixtures.advance(Duration.ofSeconds(4));
        poller.poll();

        // Stamped 1.5 s ago, visible only now: within the 2 s overlap.
        insertFromAnotherInstance("a-little-late", "reader", now().minusMillis(1_500));
        poller.poll();
        await().atMost(DONE).until(() -> reader.notificationIds().contains("a-little-late"));

        // Stamped 5 s ago (a write that waited out an election): beyond the overlap, within the 30 s look-back.
        fixtures.advance(Duration.ofSeconds(2));
        insertFromAnotherInstance("very-late", "reader", now().minusSeconds(5));
        poller.poll();
        assertThat(feed.documentsRead()).as("not seen by an ordinary poll").isEqualTo(1);
        fixtures.advance(Duration.ofSeconds(10));
        poller.poll();

        await().atMost(DONE).until(() -> reader.notificationIds().contains("very-late"));
        assertThat(reader.notificationIds()).containsExactly("a-little-late", "very-late");
        assertThat(feed.documentsRead()).isEqualTo(2);
    }

    private StreamPoller poller(StreamFixtures streamFixtures, StreamProperties properties) {
        return new StreamPoller(feed, streamFixtures.stream, properties, streamFixtures.clock);
    }

    private Instant now() {
        return fixtures.clock.instant();
    }

    private Document insertFromAnotherInstance(String id, String recipientId, Instant createdAt) {
        Document document = new Document("_id", id)
                .append("eventId", id)
                .append("type", "PROPOSAL_WITHDRAWN")
                .append("title", "A mentor proposal was withdrawn")
                .append("body", "Written by another instance.")
                .append("recipientId", recipientId)
                .append("read", false)
                .append("people", List.of(recipientId))
                .append("createdAt", Date.from(createdAt));
        notifications.insertOne(document);
        return document;
    }

    private void insertOthers(int count, Instant createdAt) {
        for (int i = 0; i < count; i++) {
            insertFromAnotherInstance("other-" + UUID.randomUUID(), "someone-else-" + i, createdAt);
        }
    }

    /** Smaller batches, and a queue that takes the whole backlog at once. */
    private static StreamProperties withBatchSize(int batchSize) {
        StreamProperties p = StreamFixtures.PROPERTIES;
        return new StreamProperties(
                p.heartbeat(),
                p.pollInterval(),
                p.overlap(),
                p.lookback(),
                batchSize,
                p.timeout(),
                p.senderThreads(),
                p.sendTimeout(),
                100);
    }
}
