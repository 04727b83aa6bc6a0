package org.samepath.localstack.faults;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.samepath.localstack.RunningStack;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * A bounded load offered at a fixed rate: each newcomer of a cast asks for a mentor, and the proposed mentor accepts,
 * through the real APIs, as their apps would. Like an app, each step is retried while a service cannot be reached or
 * answers 5xx, and an answer lost with a crashed service is recovered by reading the state back (a 409 on a repeated
 * request or accept is the earlier attempt having worked). Every HTTP outcome is kept per newcomer, so a failure says
 * what each one saw.
 */
final class MatchLoad implements AutoCloseable {

    static final Duration JOURNEY_DEADLINE = Duration.ofMinutes(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    /** One newcomer's journey as the load saw it end: their request, its proposal, the mentor and the match. */
    record Journey(
            String newcomerId,
            String requestId,
            String proposalId,
            String mentorId,
            String matchId,
            List<String> seen) {}

    private final FaultStack system;
    private final ApiClient matching;
    private final ScheduledExecutorService executor;
    private final List<Future<Journey>> journeys = new ArrayList<>();
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger matched = new AtomicInteger();

    private MatchLoad(FaultStack system, int newcomers) {
        this.system = system;
        this.matching = system.api(RunningStack.MATCHING);
        this.executor = Executors.newScheduledThreadPool(Math.min(newcomers, 64));
    }

    /** Starts one newcomer's journey every {@code interval}, in the cast's order. */
    static MatchLoad offer(FaultStack system, FaultStack.Cast cast, Duration interval) {
        MatchLoad load = new MatchLoad(system, cast.newcomers().size());
        for (int i = 0; i < cast.newcomers().size(); i++) {
            String newcomer = cast.newcomers().get(i);
            load.journeys.add(load.executor.schedule(
                    () -> load.journey(newcomer), interval.toMillis() * i, TimeUnit.MILLISECONDS));
        }
        return load;
    }

    /** Journeys begun so far. */
    int started() {
        return started.get();
    }

    /** Journeys that reached a match so far. */
    int matched() {
        return matched.get();
    }

    /** Waits for every journey; fails naming what each unfinished newcomer saw. */
    List<Journey> awaitAll(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Journey> finished = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < journeys.size(); i++) {
            try {
                long left =
                        Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                finished.add(journeys.get(i).get(left, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                failures.add("journey " + i + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        System.out.println("What the newcomers saw on the way (outcome: newcomers): " + outcomes());
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder("Not every request reached a match:\n");
            failures.forEach(failure -> report.append(failure).append('\n'));
            seen.forEach((newcomer, trace) -> report.append(newcomer)
                    .append(" saw ")
                    .append(collapsed(trace))
                    .append('\n'));
            throw new AssertionError(report.toString());
        }
        return finished;
    }

    /** How many newcomers saw each kind of outcome at least once, e.g. "submit ConnectException: 12". */
    private Map<String, Long> outcomes() {
        return seen.values().stream()
                .flatMap(trace -> trace.stream().distinct())
                .collect(Collectors.groupingBy(outcome -> outcome, TreeMap::new, Collectors.counting()));
    }

    private Journey journey(String newcomer) {
        started.incrementAndGet();
        List<String> trace = new CopyOnWriteArrayList<>();
        seen.put(newcomer, trace);
        String token = system.token(newcomer, "NEWCOMER");
        String requestId = step(trace, "submit", () -> {
            Response submitted = matching.post("/api/v1/match-requests", token, "{}");
            trace.add("submit " + submitted.status());
            if (submitted.status() == 202) {
                return submitted.json().get("id").asString();
            }
            if (submitted.status() == 409) {
                // An earlier attempt may have worked and lost its answer with the service: find that request.
                Response own = matching.get("/api/v1/match-requests", token);
                if (own.status() == 200 && !own.json().isEmpty()) {
                    trace.add("found own request after 409");
                    return own.json().get(0).get("id").asString();
                }
            }
            return null;
        });
        JsonNode proposal = step(trace, "proposal", () -> {
            JsonNode request = request(requestId, token, trace);
            if (request == null) {
                return null;
            }
            String status = request.get("status").asString();
            return status.equals("PROPOSED") || status.equals("MATCHED") ? request.get("currentProposal") : null;
        });
        String proposalId = proposal.get("id").asString();
        String mentorId = proposal.get("mentorId").asString();
        String mentorToken = system.token(mentorId, "MENTOR");
        JsonNode match = step(trace, "accept", () -> {
            Response accepted = matching.post("/api/v1/proposals/" + proposalId + "/accept", mentorToken, "");
            trace.add("accept " + accepted.status());
            if (accepted.status() != 200 && accepted.status() != 409) {
                return null;
            }
            JsonNode request = request(requestId, token, trace);
            return request != null && request.get("status").asString().equals("MATCHED") ? request.get("match") : null;
        });
        matched.incrementAndGet();
        return new Journey(
                newcomer, requestId, proposalId, mentorId, match.get("id").asString(), collapsed(trace));
    }

    /** Repeated outcomes once, with how often: "submit ConnectException x12". */
    static List<String> collapsed(List<String> trace) {
        List<String> collapsed = new ArrayList<>();
        String previous = null;
        int repeats = 0;
        for (String outcome : trace) {
            if (outcome.equals(previous)) {
                repeats++;
                continue;
            }
            if (previous != null) {
                collapsed.add(repeats > 1 ? previous + " x" + repeats : previous);
            }
            previous = outcome;
            repeats = 1;
        }
        if (previous != null) {
            collapsed.add(repeats > 1 ? previous + " x" + repeats : previous);
        }
        return collapsed;
    }

    private JsonNode request(String requestId, String token, List<String> trace) {
        Response request = matching.get("/api/v1/match-requests/" + requestId, token);
        if (request.status() != 200) {
            trace.add("read " + request.status());
            return null;
        }
        return request.json();
    }

    /** Repeats one step until it yields a value, through refused connections and 5xx answers, as an app would. */
    private static <T> T step(List<String> trace, String name, Supplier<T> attempt) {
        return await("newcomer step " + name)
                .atMost(JOURNEY_DEADLINE)
                .pollDelay(Duration.ZERO)
                .pollInterval(RETRY_PAUSE)
                .until(
                        () -> {
                            try {
                                return attempt.get();
                            } catch (UncheckedIOException unreachable) {
                                trace.add(name + " "
                                        + unreachable.getCause().getClass().getSimpleName());
                                return null;
                            }
                        },
                        value -> value != null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
