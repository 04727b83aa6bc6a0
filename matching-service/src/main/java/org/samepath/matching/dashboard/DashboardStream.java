package org.samepath.matching.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Keeps every open dashboard current over server-sent events: each tick builds the snapshot once per window in use
 * and sends it to everyone watching that window. A browser whose connection drops reconnects by itself
 * (EventSource) and gets the current snapshot at once.
 */
public class DashboardStream {

    static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);

    private final DashboardQueries queries;
    private final Map<SseEmitter, DashboardWindow> watchers = new ConcurrentHashMap<>();

    DashboardStream(DashboardQueries queries) {
        this.queries = queries;
    }

    SseEmitter watch(DashboardWindow window) {
        SseEmitter emitter = new SseEmitter(CONNECTION_LIFETIME.toMillis());
        emitter.onCompletion(() -> watchers.remove(emitter));
        emitter.onTimeout(() -> watchers.remove(emitter));
        emitter.onError(failure -> watchers.remove(emitter));
        watchers.put(emitter, window);
        send(emitter, queries.snapshot(window));
        return emitter;
    }

    int watching() {
        return watchers.size();
    }

    /** One round of updates; nothing is built when nobody watches. */
    void tick() {
        Map<DashboardWindow, Set<SseEmitter>> byWindow = watchers.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toSet())));
        byWindow.forEach((window, emitters) -> {
            DashboardSnapshot snapshot = queries.snapshot(window);
            emitters.forEach(emitter -> send(emitter, snapshot));
        });
    }

    private void send(SseEmitter emitter, DashboardSnapshot snapshot) {
        try {
            emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            // The browser went away; the container completes the emitter and onCompletion forgets it.
            watchers.remove(emitter);
        }
    }
}
