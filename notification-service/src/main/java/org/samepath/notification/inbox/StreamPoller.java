package org.samepath.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps streams correct with several instances: while anyone is connected here, re-reads the last
 * {@code lookback} of notifications for the connected people (and role-wide ones for connected coordinators) every
 * {@code pollInterval}, and hands them to {@link NotificationStream}, which sends only what a connection has not had.
 * Also sends the heartbeats that keep idle connections (and proxies) open and reveal dead ones.
 */
class StreamPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);

    private final Inbox inbox;
    private final NotificationStream stream;
    private final StreamProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    StreamPoller(Inbox inbox, NotificationStream stream, StreamProperties properties, Clock clock) {
        this.inbox = inbox;
        this.stream = stream;
        this.properties = properties;
        this.clock = clock;
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
        long heartbeat = properties.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(stream::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
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

    void poll() {
        if (stream.isEmpty()) {
            return;
        }
        try {
            Instant since = clock.instant().minus(properties.lookback());
            inbox.createdSince(since, stream.connectedPeople(), stream.anyCoordinatorConnected())
                    .forEach(stream::publish);
            stream.forgetPushedBefore(since);
        } catch (RuntimeException e) {
            log.warn("Polling for notifications from other instances failed, will retry: {}", e.toString());
        }
    }
}
