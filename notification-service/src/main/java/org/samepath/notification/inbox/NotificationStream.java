package org.samepath.notification.inbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.samepath.notification.inbox.Inbox.Reader;
import org.samepath.notification.inbox.StreamSubscriber.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events to the readers connected to this instance. A notification created here is published at once by
 * the Kafka listener that stored it; one created by another instance is published by {@link StreamPoller}. This
 * instance remembers for a while which notifications it published (not each stream what it was sent), so whichever
 * path finds a notification first sends it, once. Sends run on a few sender threads of their own, never on the
 * caller's; each stream's messages go out in order, one at a time, and a stream whose client stops reading (a send
 * blocked longer than {@code sendTimeout}, or more than {@code queueLimit} messages waiting) is dropped without holding
 * up the others. Heartbeats are spread over time: each stream gets one when it has been sent nothing for
 * {@code heartbeat}, counted from its own connection. With nobody connected, publishing is one counter read.
 */
class NotificationStream {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

    private final OpenStreams streams = new OpenStreams();
    /** Notification id -> its creation time (epoch ms), for what was published here and may still be polled again. */
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    /** Replaced on every (re)start: a stopped lifecycle (shutdown, or a paused test context) shuts it down. */
    private volatile ExecutorService senders;

    private final StreamProperties properties;
    private final Clock clock;
    /** Monotonic nanoseconds for heartbeats and send timeouts ({@code System::nanoTime}; tests move it by hand). */
    private final LongSupplier ticker;

    private final LongFunction<SseEmitter> emitters;

    NotificationStream(StreamProperties properties, Clock clock) {
        this(properties, clock, System::nanoTime, SseEmitter::new);
    }

    NotificationStream(
            StreamProperties properties, Clock clock, LongSupplier ticker, LongFunction<SseEmitter> emitters) {
        this.properties = properties;
        this.clock = clock;
        this.ticker = ticker;
        this.emitters = emitters;
        this.senders = newSenders(properties.senderThreads());
    }

    SseEmitter subscribe(Reader reader) {
        SseEmitter emitter = emitters.apply(properties.timeout().toMillis());
        long heartbeat = properties.heartbeat().toNanos();
        // The first heartbeat somewhere in the second half of the interval: streams opened together (a reconnect
        // wave after a restart) do not stay in step.
        long firstHeartbeat =
                ticker.getAsLong() + heartbeat / 2 + ThreadLocalRandom.current().nextLong(heartbeat / 2 + 1);
        StreamSubscriber subscriber =
                new StreamSubscriber(reader.personId(), reader.coordinator(), emitter, firstHeartbeat);
        emitter.onCompletion(() -> streams.remove(subscriber));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> streams.remove(subscriber));
        try {
            // Sent before it is registered, so it precedes anything published to it. Sent here, on the request's
            // thread, because the first write commits the response and Spring Security adds its headers then: a
            // sender thread doing that while this thread still runs the filters could corrupt the headers.
            emitter.send(SseEmitter.event().reconnectTime(3000).comment("connected"));
        } catch (IOException e) {
            return emitter;
        }
        streams.add(subscriber);
        // Stamped only now that it is registered: whatever is created from now on is published to it.
        subscriber.connectedAt(clock.millis());
        return emitter;
    }

    /** Pushes a notification to whoever it is for, is connected here and has not been sent it yet. */
    void publish(Notification notification) {
        if (streams.size() == 0) {
            return;
        }
        long createdAt = notification.createdAt().toEpochMilli();
        boolean claimed = false;
        for (StreamSubscriber subscriber : streams.of(notification.recipientId(), notification.isRoleWide())) {
            if (subscriber.wants(createdAt)) {
                if (!claimed) {
                    if (published.putIfAbsent(notification.id(), createdAt) != null) {
                        return;
                    }
                    claimed = true;
                }
                offer(subscriber, notification);
            }
        }
    }

    /** Whether a stream here waits for this notification and it was not published here yet (so is worth loading). */
    boolean waitsFor(NotificationFeed.Key key) {
        if (published.containsKey(key.id())) {
            return false;
        }
        long createdAt = key.createdAt().toEpochMilli();
        for (StreamSubscriber subscriber : streams.of(key.recipientId(), key.roleWide())) {
            if (subscriber.wants(createdAt)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what was published before {@code horizon}: polls no longer read that far back. */
    void forgetPublishedBefore(Instant horizon) {
        long before = horizon.toEpochMilli();
        published.values().removeIf(createdAt -> createdAt < before);
    }

    /** Heartbeats for the streams due one, and drops those whose client stopped reading. Runs every tick. */
    void sweep() {
        long now = ticker.getAsLong();
        long sendTimeout = properties.sendTimeout().toNanos();
        long heartbeat = properties.heartbeat().toNanos();
        streams.forEach(subscriber -> {
            if (subscriber.stuck(now, sendTimeout)) {
                log.debug("Stream of {} blocked for over {}: dropped", subscriber.personId(), properties.sendTimeout());
                drop(subscriber);
            } else if (subscriber.heartbeatDue(now)) {
                subscriber.heartbeatDueAt(now + heartbeat);
                offer(subscriber, StreamSubscriber.HEARTBEAT);
            }
        });
    }

    boolean isEmpty() {
        return streams.size() == 0;
    }

    int size() {
        return streams.size();
    }

    /** Ready to send again after {@link #close}, when the application's lifecycle starts again. */
    synchronized void open() {
        if (senders.isShutdown()) {
            senders = newSenders(properties.senderThreads());
        }
    }

    /** Ends every stream (clients reconnect, to this instance when it is back or to another). */
    synchronized void close() {
        senders.shutdownNow();
        for (StreamSubscriber subscriber : streams.all()) {
            subscriber.close();
            streams.remove(subscriber);
            if (!subscriber.sending()) {
                // One that is sending is completed by its sender when the send returns.
                subscriber.complete();
            }
        }
        published.clear();
    }

    private void offer(StreamSubscriber subscriber, Object message) {
        Offer offer = subscriber.offer(message, properties.queueLimit());
        if (offer == Offer.DRAIN) {
            try {
                senders.execute(() -> drain(subscriber));
            } catch (RejectedExecutionException stopping) {
                // The service is stopping; clients reconnect elsewhere.
            }
        } else if (offer == Offer.FULL) {
            log.debug("Stream of {} has {} messages waiting: dropped", subscriber.personId(), properties.queueLimit());
            drop(subscriber);
        }
    }

    private void drain(StreamSubscriber subscriber) {
        if (!subscriber.drain(ticker, properties.heartbeat().toNanos())) {
            streams.remove(subscriber);
        }
    }

    /** The sender that drains it completes the response once its current send returns. */
    private void drop(StreamSubscriber subscriber) {
        subscriber.close();
        streams.remove(subscriber);
    }

    private static ExecutorService newSenders(int threads) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "notification-stream-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
