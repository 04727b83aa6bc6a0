package org.samepath.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server-sent events client for tests: opens a stream with a bearer token and reads it line by line on a thread of
 * its own, collecting events (name, id, data) and comments (heartbeats), so a test can wait for what it expects and
 * also assert what never came.
 */
public final class EventStreamReader implements AutoCloseable {

    /** One dispatched event: its {@code event:} name (null if none), {@code id:} and joined {@code data:} lines. */
    public record ServerSentEvent(String name, String id, String data) {}

    private final HttpResponse<Stream<String>> response;
    private final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private EventStreamReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and returns once the response headers have arrived. */
    public static EventStreamReader open(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return new EventStreamReader(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public List<ServerSentEvent> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Waits for the first event that matches. */
    public ServerSentEvent await(Predicate<ServerSentEvent> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ServerSentEvent> found = events.stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No matching event within " + timeout + "; saw " + events);
            }
            pause();
        }
    }

    /** Waits for a comment line (e.g. a heartbeat) containing {@code text}. */
    public String awaitComment(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<String> found =
                    comments.stream().filter(comment -> comment.contains(text)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No comment with '" + text + "' within " + timeout + "; saw " + comments);
            }
            pause();
        }
    }

    private void read() {
        String name = null;
        String id = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            while (!closed && iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() || name != null) {
                        events.add(new ServerSentEvent(name, id, String.join("\n", data)));
                    }
                    name = null;
                    id = null;
                    data = new ArrayList<>();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (RuntimeException streamClosed) {
            // The connection ended; what was read stays available.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // Already closed.
        }
    }
}
