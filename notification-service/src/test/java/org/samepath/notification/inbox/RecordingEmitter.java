package org.samepath.notification.inbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An emitter with no HTTP behind it: records what would have been sent (the event id, or the comment) and whether it
 * was completed; {@link #blockSends()} makes every send wait, as a client that stopped reading does.
 */
final class RecordingEmitter extends SseEmitter {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch blocked;
    private final AtomicInteger sendsStarted = new AtomicInteger();
    private volatile boolean completed;

    RecordingEmitter(long timeout) {
        super(timeout);
    }

    void blockSends() {
        blocked = new CountDownLatch(1);
    }

    void unblockSends() {
        blocked.countDown();
    }

    List<String> sent() {
        return List.copyOf(sent);
    }

    List<String> notificationIds() {
        return sent.stream()
                .filter(line -> line.startsWith("id:"))
                .map(line -> line.substring(3))
                .toList();
    }

    long heartbeats() {
        return sent.stream().filter(":heartbeat"::equals).count();
    }

    /** Sends begun, including one still blocked. */
    int sendsStarted() {
        return sendsStarted.get();
    }

    boolean completed() {
        return completed;
    }

    @Override
    public void send(SseEventBuilder builder) {
        sendsStarted.incrementAndGet();
        CountDownLatch gate = blocked;
        if (gate != null) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StringBuilder text = new StringBuilder();
        builder.build().forEach(part -> text.append(part.getData() instanceof String string ? string : ""));
        for (String line : text.toString().split("\n")) {
            if (line.startsWith("id:") || line.startsWith(":")) {
                sent.add(line.trim());
            }
        }
    }

    @Override
    public void complete() {
        completed = true;
    }
}
