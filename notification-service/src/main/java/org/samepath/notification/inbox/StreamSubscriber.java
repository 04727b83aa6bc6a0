package org.samepath.notification.inbox;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream. Its messages are sent in order, one at a time, by whichever sender thread drains it; a sender
 * never waits for another stream. Deliberately small (thousands are open at once): a queue exists only while
 * something waits to be sent, and nothing remembers what was sent.
 */
final class StreamSubscriber {

    private static final Logger log = LoggerFactory.getLogger(StreamSubscriber.class);

    static final Object HEARTBEAT = new Object();

    /** What {@link #offer} did with a message, and what the caller has to do about it. */
    enum Offer {
        /** Queued behind a drain already running or scheduled. */
        QUEUED,
        /** Queued, and nothing drains this stream yet: the caller schedules {@link #drain}. */
        DRAIN,
        /** The queue is full: the client does not keep up, and the caller drops the stream. */
        FULL,
        /** The stream is already being dropped. */
        CLOSED
    }

    private final String personId;
    private final boolean coordinator;
    private final SseEmitter emitter;
    /** When it connected (epoch ms): it is sent what was created from then on. Until registered, never. */
    private volatile long connectedAt = Long.MAX_VALUE;
    /** The ticker's time when the send under way began; 0 when none is. */
    private volatile long sendingSince;

    private volatile long heartbeatDueAt;
    // Guarded by this.
    private ArrayDeque<Object> pending;
    private boolean draining;
    private boolean closed;

    StreamSubscriber(String personId, boolean coordinator, SseEmitter emitter, long firstHeartbeatDueAt) {
        this.personId = personId;
        this.coordinator = coordinator;
        this.emitter = emitter;
        this.heartbeatDueAt = firstHeartbeatDueAt;
    }

    String personId() {
        return personId;
    }

    boolean coordinator() {
        return coordinator;
    }

    void connectedAt(long epochMillis) {
        connectedAt = epochMillis;
    }

    /** Whether a notification created at this time is news to this stream. */
    boolean wants(long createdAtMillis) {
        return createdAtMillis >= connectedAt;
    }

    synchronized Offer offer(Object message, int limit) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        if (pending.size() >= limit) {
            return Offer.FULL;
        }
        pending.add(message);
        if (draining) {
            return Offer.QUEUED;
        }
        draining = true;
        return Offer.DRAIN;
    }

    boolean heartbeatDue(long nanoTime) {
        return nanoTime - heartbeatDueAt >= 0;
    }

    void heartbeatDueAt(long nanoTime) {
        heartbeatDueAt = nanoTime;
    }

    /** Whether a send has been blocked (a client that stopped reading) for longer than {@code timeoutNanos}. */
    boolean stuck(long nanoTime, long timeoutNanos) {
        long since = sendingSince;
        return since != 0 && nanoTime - since > timeoutNanos;
    }

    boolean sending() {
        return sendingSince != 0;
    }

    /**
     * Marks the stream dropped; what is queued is discarded. Does not complete the emitter: a send blocked on it holds
     * its lock, so whoever drains it completes it afterwards.
     */
    synchronized void close() {
        closed = true;
        pending = null;
    }

    /**
     * Sends what is queued, in order, then returns; a message queued meanwhile is sent by this same run. Returns false
     * when the stream turned out to be gone (the caller unregisters it).
     *
     * @param heartbeatNanos how long after a send the next heartbeat is due
     */
    boolean drain(LongSupplier ticker, long heartbeatNanos) {
        while (true) {
            Object message;
            synchronized (this) {
                message = closed || pending == null ? null : pending.poll();
                if (message == null) {
                    draining = false;
                    pending = null;
                    if (closed) {
                        // Dropped while this run was sending: complete outside the lock (it may write).
                        break;
                    }
                    return true;
                }
            }
            long started = ticker.getAsLong();
            sendingSince = started == 0 ? 1 : started;
            boolean sent = send(message);
            sendingSince = 0;
            if (!sent) {
                close();
                return false;
            }
            heartbeatDueAt = ticker.getAsLong() + heartbeatNanos;
        }
        complete();
        return false;
    }

    /** Ends the response; the client reconnects (to this or another instance). */
    void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException alreadyGone) {
            log.debug("Stream of {} could not be completed: {}", personId, alreadyGone.toString());
        }
    }

    private boolean send(Object message) {
        try {
            if (message == HEARTBEAT) {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } else {
                Notification notification = (Notification) message;
                emitter.send(SseEmitter.event()
                        .name("notification")
                        .id(notification.id())
                        .data(notification, MediaType.APPLICATION_JSON));
            }
            return true;
        } catch (IOException | IllegalStateException gone) {
            log.debug("Stream of {} is gone: {}", personId, gone.toString());
            return false;
        }
    }
}
