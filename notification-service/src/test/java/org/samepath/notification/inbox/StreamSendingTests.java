package org.samepath.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.samepath.notification.inbox.StreamFixtures.notification;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link NotificationStream} sends: each stream in order on shared sender threads, a client that stops reading
 * dropped without holding up the others, heartbeats spread over the interval. Time is moved by hand; nothing here
 * waits for time to pass, only for the sender threads to do what they were given.
 */
class StreamSendingTests {

    private static final Duration DONE = Duration.ofSeconds(10);

    private final StreamFixtures fixtures = new StreamFixtures();
    private final NotificationStream stream = fixtures.stream;

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void aStreamIsSentItsNotificationsInOrderAfterItsConnectedComment() {
        RecordingEmitter emitter = fixtures.connect("p-1");
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "n-" + i).toList();

        ids.forEach(id -> stream.publish(notification(id, "p-1", fixtures.clock.instant())));

        await().atMost(DONE).until(() -> emitter.notificationIds().size() == ids.size());
        assertThat(emitter.notificationIds()).containsExactlyElementsOf(ids);
        assertThat(emitter.sent().get(0)).isEqualTo(":connected");
    }

    @Test
    void aNotificationFoundTwiceIsSentOnce() {
        RecordingEmitter emitter = fixtures.connect("p-1");
        Notification once = notification("n-1", "p-1", fixtures.clock.instant());

        stream.publish(once);
        stream.publish(once);
        stream.publish(notification("n-2", "p-1", fixtures.clock.instant()));

        await().atMost(DONE).until(() -> emitter.notificationIds().contains("n-2"));
        assertThat(emitter.notificationIds()).containsExactly("n-1", "n-2");
    }

    @Test
    void aStreamIsSentOnlyWhatWasCreatedAfterItConnected() {
        fixtures.advance(Duration.ofSeconds(1));
        RecordingEmitter emitter = fixtures.connect("p-1");

        stream.publish(notification("before", "p-1", fixtures.clock.instant().minusMillis(1)));
        stream.publish(notification("after", "p-1", fixtures.clock.instant()));

        await().atMost(DONE).until(() -> emitter.notificationIds().contains("after"));
        assertThat(emitter.notificationIds()).containsExactly("after");
    }

    @Test
    void aClientThatStopsReadingHoldsUpNobodyElse() {
        RecordingEmitter stuck = fixtures.connect("stuck");
        RecordingEmitter reading = fixtures.connect("reading");
        stuck.blockSends();
        stream.publish(notification("to-stuck", "stuck", fixtures.clock.instant()));
        await().atMost(DONE).until(() -> stuck.sendsStarted() == 2);

        for (int i = 0; i < 5; i++) {
            stream.publish(notification("to-reading-" + i, "reading", fixtures.clock.instant()));
        }

        await().atMost(DONE).until(() -> reading.notificationIds().size() == 5);
        stuck.unblockSends();
    }

    @Test
    void aStreamWhoseSendIsBlockedBeyondTheTimeoutIsDroppedAndCompletedWhenTheSendReturns() {
        RecordingEmitter stuck = fixtures.connect("stuck");
        fixtures.connect("reading");
        stuck.blockSends();
        stream.publish(notification("to-stuck", "stuck", fixtures.clock.instant()));
        await().atMost(DONE).until(() -> stuck.sendsStarted() == 2);

        fixtures.advance(Duration.ofSeconds(5));
        stream.sweep();
        assertThat(stream.size()).as("blocked, but not beyond the send timeout").isEqualTo(2);
        fixtures.advance(Duration.ofSeconds(6));
        await().atMost(DONE).untilAsserted(() -> {
            stream.sweep();
            assertThat(stream.size()).isEqualTo(1);
        });

        assertThat(stuck.completed()).as("its sender is still blocked").isFalse();
        stuck.unblockSends();
        await().atMost(DONE).until(stuck::completed);
    }

    @Test
    void aStreamWithMoreWaitingThanTheQueueLimitIsDropped() {
        RecordingEmitter stuck = fixtures.connect("stuck");
        stuck.blockSends();
        stream.publish(notification("n-0", "stuck", fixtures.clock.instant()));
        await().atMost(DONE).until(() -> stuck.sendsStarted() == 2);

        // n-0 is in the blocked send; the queue limit (8) more may wait; the next one is one too many.
        for (int i = 1; i <= 8; i++) {
            stream.publish(notification("n-" + i, "stuck", fixtures.clock.instant()));
        }
        assertThat(stream.size()).isEqualTo(1);
        stream.publish(notification("n-9", "stuck", fixtures.clock.instant()));

        assertThat(stream.size()).isZero();
        stuck.unblockSends();
        await().atMost(DONE).until(stuck::completed);
    }

    @Test
    void heartbeatsAreSpreadOverTheIntervalAndFollowEachStreamsOwnLastSend() {
        List<RecordingEmitter> emitters = IntStream.range(0, 200)
                .mapToObj(i -> fixtures.connect("p-" + i))
                .toList();

        fixtures.advance(Duration.ofMillis(7_400));
        stream.sweep();
        assertThat(heartbeats(emitters)).as("none before half the interval").isZero();

        fixtures.advance(Duration.ofMillis(3_850));
        stream.sweep();
        await().atMost(DONE).until(() -> heartbeats(emitters) > 0);
        long firstWave = heartbeats(emitters);
        assertThat(firstWave).as("some, not all, by three quarters").isBetween(1L, 199L);

        fixtures.advance(Duration.ofMillis(3_800));
        stream.sweep();
        await().atMost(DONE).until(() -> heartbeats(emitters) == 200);

        // Each is next due a full interval after its own heartbeat: nothing more until then.
        stream.sweep();
        assertThat(heartbeats(emitters)).isEqualTo(200);
    }

    private static long heartbeats(List<RecordingEmitter> emitters) {
        return emitters.stream().mapToLong(RecordingEmitter::heartbeats).sum();
    }
}
