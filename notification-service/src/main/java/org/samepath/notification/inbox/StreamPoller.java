package org.samepath.notification.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Finds the notifications other instances create, for the streams open here, at a cost that follows the number of
 * notifications, not of connected people. While anyone is connected, every {@code pollInterval} it reads the keys of
 * all notifications created since its last read, minus {@code overlap} (an insert may become visible a little after
 * its {@code createdAt}, and instances' clocks differ a little), in bounded batches; every {@code lookback / 2} it
 * reads back the whole {@code lookback} once, for the rare insert that took longer (a MongoDB election). Only the
 * notifications a stream here waits for and this instance has not published are then loaded, by id, and published.
 * So each notification's key is read a few times per instance and its document at most once. Also paces the
 * heartbeats.
 */
class StreamPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);

    private final NotificationFeed feed;
    private final NotificationStream stream;
    private final StreamProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    /** Everything created before this was read by an earlier poll (or before anyone here was connected). */
    private volatile Instant readUpTo;

    private volatile Instant nextReadBack;

    StreamPoller(NotificationFeed feed, NotificationStream stream, StreamProperties properties, Clock clock) {
        this.feed = feed;
        this.stream = stream;
        this.properties = properties;
        this.clock = clock;
        Instant now = clock.instant();
        this.readUpTo = now.minus(properties.overlap());
        this.nextReadBack = now.plus(readBackEvery());
    }

    @Override
    public synchronized void start() {
        stream.open();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-stream-poller");
            thread.setDaemon(true);
            return thread;
        });
        long poll = properties.pollInterval().toMillis();
        // Heartbeats fall due one stream at a time; ten checks per interval send each within a tenth of it.
        long sweep = Math.max(10, properties.heartbeat().toMillis() / 10);
        scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(stream::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        stream.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** One poll; what it reads is counted by {@link NotificationFeed}. */
    void poll() {
        Instant now = clock.instant();
        Instant everythingVisibleBefore = now.minus(properties.overlap());
        if (stream.isEmpty()) {
            // Nobody here to tell: what is created now is news to no stream that opens later.
            readUpTo = later(readUpTo, everythingVisibleBefore);
            stream.forgetPublishedBefore(now.minus(properties.lookback()));
            return;
        }
        boolean readBack = !now.isBefore(nextReadBack);
        Instant from = readBack ? earlier(readUpTo, now.minus(properties.lookback())) : readUpTo;
        try {
            readFrom(from);
            readUpTo = later(readUpTo, everythingVisibleBefore);
            if (readBack) {
                nextReadBack = now.plus(readBackEvery());
            }
            stream.forgetPublishedBefore(earlier(readUpTo, now.minus(properties.lookback())));
        } catch (RuntimeException e) {
            log.warn("Polling for notifications from other instances failed, will retry: {}", e.toString());
        }
    }

    private void readFrom(Instant from) {
        int batch = properties.batchSize();
        List<NotificationFeed.Key> keys = feed.keysSince(from, batch);
        while (true) {
            List<String> wanted = new ArrayList<>();
            for (NotificationFeed.Key key : keys) {
                if (stream.waitsFor(key)) {
                    wanted.add(key.id());
                }
            }
            if (!wanted.isEmpty()) {
                feed.load(wanted).forEach(stream::publish);
            }
            if (keys.size() < batch) {
                return;
            }
            keys = feed.keysAfter(keys.get(keys.size() - 1), batch);
        }
    }

    private Duration readBackEvery() {
        return properties.lookback().dividedBy(2);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
