package org.samepath.notification.inbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.samepath.notification.inbox.Inbox.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events to connected readers. A notification created on this instance is pushed at once
 * ({@link #publish}); one created on another instance is found by {@link StreamPoller}, which re-reads the last
 * {@code lookback} of notifications for the people connected here. Each connection remembers what it was sent, so a
 * notification reaches it once whichever path finds it first. Sends run on one thread of their own, never on the
 * Kafka listener's. With nobody connected, publishing is one counter read.
 */
class NotificationStream {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

    private final Map<String, Set<Subscriber>> byPerson = new ConcurrentHashMap<>();
    private final Set<Subscriber> coordinators = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connected = new AtomicInteger();
    /** Replaced on every (re)start: a stopped lifecycle (shutdown, or a paused test context) shuts it down. */
    private volatile ExecutorService sender = newSender();

    private final StreamProperties properties;
    private final Clock clock;

    NotificationStream(StreamProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    SseEmitter subscribe(Reader reader) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Subscriber subscriber = new Subscriber(reader, emitter, clock.instant());
        byPerson.computeIfAbsent(reader.personId(), id -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        if (reader.coordinator()) {
            coordinators.add(subscriber);
        }
        connected.incrementAndGet();
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> remove(subscriber));
        try {
            emitter.send(SseEmitter.event().reconnectTime(3000).comment("connected"));
        } catch (IOException e) {
            remove(subscriber);
        }
        return emitter;
    }

    /** Pushes a new notification to whoever it is for and is connected here. */
    void publish(Notification notification) {
        if (connected.get() == 0) {
            return;
        }
        Collection<Subscriber> targets =
                notification.isRoleWide() ? coordinators : byPerson.getOrDefault(notification.recipientId(), Set.of());
        for (Subscriber subscriber : targets) {
            boolean fresh = !notification.createdAt().isBefore(subscriber.connectedAt);
            if (fresh && subscriber.pushed.putIfAbsent(notification.id(), notification.createdAt()) == null) {
                sendLater(subscriber, notification);
            }
        }
    }

    void heartbeat() {
        allSubscribers().forEach(subscriber -> sendLater(subscriber, null));
    }

    boolean isEmpty() {
        return connected.get() == 0;
    }

    Set<String> connectedPeople() {
        return Set.copyOf(byPerson.keySet());
    }

    boolean anyCoordinatorConnected() {
        return !coordinators.isEmpty();
    }

    /** Forgets what was sent before {@code horizon}: polls no longer look that far back. */
    void forgetPushedBefore(Instant horizon) {
        allSubscribers().forEach(subscriber -> subscriber.pushed.values().removeIf(at -> at.isBefore(horizon)));
    }

    /** Ready to send again after {@link #close}, when the application's lifecycle starts again. */
    synchronized void open() {
        if (sender.isShutdown()) {
            sender = newSender();
        }
    }

    private static ExecutorService newSender() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized void close() {
        sender.shutdownNow();
        allSubscribers().forEach(subscriber -> subscriber.emitter.complete());
    }

    private List<Subscriber> allSubscribers() {
        return byPerson.values().stream().flatMap(Set::stream).toList();
    }

    private void sendLater(Subscriber subscriber, Notification notification) {
        try {
            sender.execute(() -> send(subscriber, notification));
        } catch (RejectedExecutionException shuttingDown) {
            // The service is stopping; clients reconnect elsewhere.
        }
    }

    private void send(Subscriber subscriber, Notification notification) {
        try {
            if (notification == null) {
                subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
            } else {
                subscriber.emitter.send(SseEmitter.event()
                        .name("notification")
                        .id(notification.id())
                        .data(notification, MediaType.APPLICATION_JSON));
            }
        } catch (IOException | IllegalStateException gone) {
            log.debug("Stream of {} is gone: {}", subscriber.reader.personId(), gone.toString());
            remove(subscriber);
        }
    }

    private void remove(Subscriber subscriber) {
        Set<Subscriber> ofPerson = byPerson.get(subscriber.reader.personId());
        if (ofPerson != null && ofPerson.remove(subscriber)) {
            connected.decrementAndGet();
            byPerson.computeIfPresent(subscriber.reader.personId(), (id, set) -> set.isEmpty() ? null : set);
        }
        coordinators.remove(subscriber);
    }

    private static final class Subscriber {
        private final Reader reader;
        private final SseEmitter emitter;
        private final Instant connectedAt;
        /** Notification id -> its creation time, for what this connection was already sent. */
        private final Map<String, Instant> pushed = new ConcurrentHashMap<>();

        private Subscriber(Reader reader, SseEmitter emitter, Instant connectedAt) {
            this.reader = reader;
            this.emitter = emitter;
            this.connectedAt = connectedAt;
        }
    }
}
