package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Creates the population through the public APIs, as people would: a token from the development issuer, the profile
 * by {@code PUT /api/v1/profiles/me}, and for each mentor an approval by a coordinator. Each person's calls are one
 * chain, retried whole a few times (every step is idempotent or tolerates being done already).
 */
final class Seeding {

    private static final int ATTEMPTS = 3;

    /** Tokens of everyone created, by index. */
    record Seeded(String coordinatorToken, String[] mentorTokens, String[] newcomerTokens, Duration took) {}

    private final StackApi api;
    private final Population population;
    private final BoundedAsync inFlight;
    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    private final boolean tokensOnly;

    /**
     * @param tokensOnly the people exist already (an earlier run with the same run id seeded this stack): only mint
     *     their tokens
     */
    Seeding(StackApi api, Population population, int concurrency, boolean tokensOnly, PrintStream out) {
        this.api = api;
        this.tokensOnly = tokensOnly;
        this.population = population;
        // Each person is a chain of 2-3 calls; the bound is on chains.
        this.inFlight = new BoundedAsync(concurrency);
        this.out = out;
    }

    Seeded run() throws InterruptedException {
        long started = System.nanoTime();
        String coordinatorToken =
                api.token(population.coordinatorId(), "COORDINATOR").join();
        String[] mentorTokens = new String[population.mentors()];
        String[] newcomerTokens = new String[population.newcomers()];
        int total = population.mentors() + population.newcomers();
        Thread progress = DaemonThreads.start("seeding-progress", () -> reportProgress(total, started));
        for (int i = 0; i < population.mentors(); i++) {
            int index = i;
            // Settled inside the bounded operation, so awaitIdle() also waits for the token to be stored.
            inFlight.submit(() -> retried(() -> mentor(index, coordinatorToken))
                    .whenComplete((token, error) -> settle(population.mentorId(index), error, () -> {
                        mentorTokens[index] = token;
                    })));
        }
        for (int i = 0; i < population.newcomers(); i++) {
            int index = i;
            inFlight.submit(() -> retried(() -> newcomer(index))
                    .whenComplete((token, error) -> settle(population.newcomerId(index), error, () -> {
                        newcomerTokens[index] = token;
                    })));
        }
        if (!inFlight.awaitIdle(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Seeding did not finish within 10 minutes");
        }
        progress.interrupt();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " people could not be created, e.g. " + failures.peek());
        }
        return new Seeded(
                coordinatorToken, mentorTokens, newcomerTokens, Duration.ofNanos(System.nanoTime() - started));
    }

    private CompletableFuture<String> mentor(int index, String coordinatorToken) {
        String id = population.mentorId(index);
        if (tokensOnly) {
            return api.token(id, "MENTOR");
        }
        return api.token(id, "MENTOR").thenCompose(token -> api.putProfile(token, population.mentorProfile(index))
                .thenCompose(saved -> {
                    expectOk(id, "profile", saved);
                    return api.approveMentor(coordinatorToken, id);
                })
                .thenApply(approved -> {
                    // 409: approved by an earlier attempt whose answer was lost.
                    if (approved.status() != 409) {
                        expectOk(id, "approval", approved);
                    }
                    return token;
                }));
    }

    private CompletableFuture<String> newcomer(int index) {
        String id = population.newcomerId(index);
        if (tokensOnly) {
            return api.token(id, "NEWCOMER");
        }
        return api.token(id, "NEWCOMER").thenCompose(token -> api.putProfile(token, population.newcomerProfile(index))
                .thenApply(saved -> {
                    expectOk(id, "profile", saved);
                    return token;
                }));
    }

    private static void expectOk(String id, String what, StackApi.Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException(what + " of " + id + ": " + reply.status() + " " + reply.body());
        }
    }

    private static <T> CompletableFuture<T> retried(Supplier<CompletableFuture<T>> chain) {
        CompletableFuture<T> attempt = chain.get();
        for (int i = 1; i < ATTEMPTS; i++) {
            attempt = attempt.handle((value, error) -> error == null ? CompletableFuture.completedFuture(value) : null)
                    .thenCompose(value -> value != null ? value : chain.get());
        }
        return attempt;
    }

    private void settle(String id, Throwable error, Runnable onSuccess) {
        if (error == null) {
            onSuccess.run();
        } else {
            failures.add(id + ": " + error.getMessage());
        }
        done.incrementAndGet();
    }

    private void reportProgress(int total, long started) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(10_000);
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("  seeded %,d of %,d people in %.0f s%n", done.get(), total, seconds);
            }
        } catch (InterruptedException finished) {
            // seeding is over
        }
    }
}
