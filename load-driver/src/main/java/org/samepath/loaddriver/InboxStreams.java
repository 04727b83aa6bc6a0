package org.samepath.loaddriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * One server-sent-event connection per person to {@code GET /api/v1/notifications/stream}, as each person's app
 * would hold, all on one {@link HttpClient} (one selector thread, two worker threads): thousands of idle streams
 * cost the driver little. A stream counts as open once the server's {@code :connected} comment arrives, because the
 * service pushes only notifications created after that moment. A stream that ends is reopened and counted; what it
 * missed meanwhile shows up as "not streamed" when the run is reconciled with the inboxes.
 */
final class InboxStreams implements AutoCloseable {

    /** Receives every {@code notification} event with the moment its last line arrived. */
    interface Listener {
        void onNotification(String streamOwner, JsonNode notification, long arrivedNanos);
    }

    private static final int OPENING_AT_ONCE = 64;

    private final String url;
    private final Listener listener;
    private final ExecutorService workers = DaemonThreads.fixedPool("sse-http", 2);
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final Semaphore opening = new Semaphore(OPENING_AT_ONCE);
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean closing;

    InboxStreams(String notificationUrl, Listener listener) {
        this.url = notificationUrl + "/api/v1/notifications/stream";
        this.listener = listener;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(workers)
                .build();
    }

    /** Opens a stream for this person; returns once it is open (at most {@value #OPENING_AT_ONCE} opening at once). */
    CompletableFuture<Void> open(String personId, String token) {
        Stream stream = new Stream(personId, token);
        streams.put(personId, stream);
        opening.acquireUninterruptibly();
        stream.connect();
        return stream.firstOpen.whenComplete((ignored, error) -> opening.release());
    }

    /** Closes this person's stream for good (it is not reopened). */
    void close(String personId) {
        Stream stream = streams.remove(personId);
        if (stream != null) {
            stream.closed = true;
            stream.uncount();
            stream.cancel();
        }
    }

    int open() {
        return open.get();
    }

    int reopened() {
        return reopened.get();
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        closing = true;
        streams.values().forEach(Stream::cancel);
        reconnects.shutdownNow();
        workers.shutdownNow();
    }

    /** One person's connection and its server-sent-event parser. */
    private final class Stream implements Flow.Subscriber<String> {
        private final String personId;
        private final String token;
        private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private boolean counted;
        private volatile boolean closed;
        private String event;
        private final StringBuilder data = new StringBuilder();

        Stream(String personId, String token) {
            this.personId = personId;
            this.token = token;
        }

        void connect() {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            HttpResponse.BodyHandler<Void> handler = response -> response.statusCode() == 200
                    ? HttpResponse.BodySubscribers.fromLineSubscriber(this)
                    : HttpResponse.BodySubscribers.discarding();
            http.sendAsync(request, handler).whenComplete((response, error) -> ended(response, error));
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        private synchronized void uncount() {
            if (counted) {
                counted = false;
                open.decrementAndGet();
            }
        }

        private synchronized void count() {
            if (!counted) {
                counted = true;
                open.incrementAndGet();
            }
        }

        private void ended(HttpResponse<Void> response, Throwable error) {
            uncount();
            if (closing || closed) {
                return;
            }
            if (!firstOpen.isDone()) {
                refused.incrementAndGet();
                String why = error != null ? error.toString() : "HTTP " + response.statusCode();
                firstOpen.completeExceptionally(new IllegalStateException("stream of " + personId + ": " + why));
                return;
            }
            reopened.incrementAndGet();
            reconnects.schedule(this::connect, 1, TimeUnit.SECONDS);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                if (line.startsWith(":connected")) {
                    count();
                    firstOpen.complete(null);
                }
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(value);
                }
            }
        }

        private void dispatch() {
            long arrived = System.nanoTime();
            if ("notification".equals(event) && !data.isEmpty()) {
                listener.onNotification(personId, StackApi.JSON.readTree(data.toString()), arrived);
            }
            event = null;
            data.setLength(0);
        }

        @Override
        public void onError(Throwable throwable) {
            // ended() sees the same failure through the response future
        }

        @Override
        public void onComplete() {
            // ended() runs when the response future completes
        }
    }
}
