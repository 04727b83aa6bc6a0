package org.samepath.notification.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.samepath.notification.inbox.Inbox.Reader;

/** A {@link NotificationStream} without HTTP: recording emitters, a clock and a ticker that tests move by hand. */
final class StreamFixtures {

    static final StreamProperties PROPERTIES = new StreamProperties(
            Duration.ofSeconds(15),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            500,
            Duration.ofMinutes(30),
            2,
            Duration.ofSeconds(10),
            8);

    final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T10:00:00Z"));
    final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    final NotificationStream stream;
    private final Map<String, RecordingEmitter> emitters = new ConcurrentHashMap<>();

    StreamFixtures() {
        this(PROPERTIES);
    }

    StreamFixtures(StreamProperties properties) {
        this.stream = new NotificationStream(properties, clock, ticker::get, RecordingEmitter::new);
    }

    RecordingEmitter connect(String personId) {
        return connect(personId, false);
    }

    RecordingEmitter connect(String personId, boolean coordinator) {
        RecordingEmitter emitter = (RecordingEmitter) stream.subscribe(new Reader(personId, coordinator));
        emitters.put(personId, emitter);
        return emitter;
    }

    void advance(Duration duration) {
        clock.advance(duration);
        ticker.addAndGet(duration.toNanos());
    }

    static Notification notification(String id, String recipientId, Instant createdAt) {
        return new Notification(
                id,
                recipientId,
                null,
                NotificationType.REQUEST_RECEIVED,
                "title",
                "body",
                null,
                null,
                null,
                null,
                null,
                List.of(recipientId),
                createdAt,
                false);
    }

    static final class SettableClock extends Clock {
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
