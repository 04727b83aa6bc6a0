package org.samepath.loaddriver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Newcomer recycling: once the driver has what it measures of a send (its proposal on the mentor's stream, or its
 * waitlist alert on the coordinator's, or, for a sampled send, the match start on the newcomer's stream after the
 * accept), the newcomer withdraws the request ({@code POST /api/v1/match-requests/{id}/withdraw}, which frees the
 * mentor's slot too) or ends the match ({@code POST /api/v1/matches/{id}/end}, no rematch, which frees the slot and
 * keeps that pair apart for good), and only when the stack answered 2xx is the newcomer given back to the
 * {@link NewcomerPool}. So a later send never races its newcomer's previous request into a 409.
 *
 * <p>Off the critical path: one scanning thread per run looks at the sent requests every {@value #SCAN_MILLIS} ms
 * and issues at most {@value #AT_ONCE} closing calls at once; none of them is a measured request. Scanning stops when
 * the drain ends, so the reconciliation sees every request as the run left it; after the reconciliation and the
 * follow-up of unanswered POSTs, {@link Run#finish} closes whatever is still open of each newcomer the run holds (as
 * listed by {@code GET /api/v1/match-requests}), and sets aside a newcomer it cannot close.
 */
final class Recycler {

    /** Neutral: the person did nothing wrong, the benchmark needs the newcomer again. */
    static final String END_REASON = "Ended by the load driver to ask again with the same newcomer (benchmark run)";

    private static final int AT_ONCE = 8;
    private static final long SCAN_MILLIS = 20;
    private static final long FINISH_WAIT_SECONDS = 120;

    /** What to do next about a sent request. */
    enum Step {
        /** Not everything measured is in yet (or the send failed: left for the end of the run). */
        WAIT,
        WITHDRAW,
        END_MATCH
    }

    /** What the driver closed in one run, and the pool after it; none of these is a measured request. */
    record Counts(
            int withdrawn,
            int ended,
            int failed,
            int closedAfterRun,
            int setAsideInRun,
            long reusedSends,
            int freeAfter,
            int setAsideInAll) {

        static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** Something of a newcomer's that the end-of-run sweep closes. */
    record Closing(boolean endMatch, String id, String requestId) {}

    private final StackApi api;
    private final String[] newcomerTokens;
    private final Population population;
    private final Ledger ledger;
    private final Acceptances acceptances;
    private final NewcomerPool pool;

    Recycler(
            StackApi api,
            String[] newcomerTokens,
            Population population,
            Ledger ledger,
            Acceptances acceptances,
            NewcomerPool pool) {
        this.api = api;
        this.newcomerTokens = newcomerTokens;
        this.population = population;
        this.ledger = ledger;
        this.acceptances = acceptances;
        this.pool = pool;
    }

    NewcomerPool pool() {
        return pool;
    }

    /**
     * When a sent request can be closed: a failed send waits for the end of the run (the follow-up may still find
     * its request); a proposed one once its proposal was seen, and if sampled, once the accept was answered and, if
     * it matched, the match start reached the newcomer; a waitlisted one once its alert was seen.
     */
    static Step next(RequestRecord record, Ledger.Sighting sighting) {
        if (!record.accepted() || sighting == null) {
            return Step.WAIT;
        }
        if (sighting.proposalArrived != 0) {
            if (!record.acceptSampled) {
                return Step.WITHDRAW;
            }
            if (sighting.acceptReturned == 0) {
                return Step.WAIT;
            }
            if (sighting.acceptStatus != 200) {
                return Step.WITHDRAW;
            }
            return sighting.matchStartedArrived != 0 && sighting.matchId != null ? Step.END_MATCH : Step.WAIT;
        }
        return sighting.waitlistAlertArrived != 0 ? Step.WITHDRAW : Step.WAIT;
    }

    /**
     * From a newcomer's own requests ({@code GET /api/v1/match-requests}), what is still open: every open request
     * to withdraw, every match not ended to end.
     */
    static List<Closing> stillOpen(JsonNode requests) {
        List<Closing> open = new ArrayList<>();
        for (JsonNode request : requests) {
            String id = request.path("id").asString(null);
            String status = request.path("status").asString("");
            if (id == null) {
                continue;
            }
            switch (status) {
                case "SUBMITTED", "SEARCHING", "PROPOSED", "WAITLISTED" -> open.add(new Closing(false, id, id));
                case "MATCHED" -> {
                    JsonNode match = request.path("match");
                    String matchId = match.path("id").asString(null);
                    if (matchId != null && !"ENDED".equals(match.path("status").asString(""))) {
                        open.add(new Closing(true, matchId, id));
                    }
                }
                default -> {
                    // WITHDRAWN, CLOSED: nothing left open
                }
            }
        }
        return open;
    }

    /** Starts recycling for one run: its scanning thread runs until {@link Run#stopScanning}. */
    Run start(String label) {
        return new Run(label);
    }

    /** The recycling of one run. */
    final class Run {
        private final ConcurrentLinkedQueue<RequestRecord> pending = new ConcurrentLinkedQueue<>();
        private final Semaphore slots = new Semaphore(AT_ONCE);
        private final AtomicInteger withdrawn = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger closedAfterRun = new AtomicInteger();
        private final AtomicInteger setAside = new AtomicInteger();
        private final long reusesBefore = pool.reuses();
        private final Thread scanner;
        private volatile boolean scanning = true;

        private Run(String label) {
            scanner = DaemonThreads.start("recycler-" + label.replace(' ', '-'), this::scanUntilStopped);
        }

        /**
         * Takes a newcomer of the send's lane at its send time, or says none is free ({@link NewcomerPool#NONE}); a
         * sampled send is registered for its accept before the POST.
         */
        int take(RequestRecord record) {
            int newcomer = pool.take(record.acceptSampled);
            if (newcomer != NewcomerPool.NONE) {
                record.newcomerIndex = newcomer;
                if (record.acceptSampled) {
                    acceptances.sample(population.newcomerId(newcomer), record);
                }
            }
            return newcomer;
        }

        /** The POST was sent: watch for what it measures, then close it. */
        void sent(RequestRecord record) {
            pending.add(record);
        }

        /** No more closing during the run: what the scan finds settled now is closed, the rest after the run. */
        void stopScanning() {
            scanning = false;
            try {
                scanner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * After the reconciliation and the follow-up: waits for the closing calls under way, then closes whatever
         * is open of every newcomer this run still holds, and gives each back (or sets it aside).
         */
        Counts finish(List<RequestRecord> records) {
            stopScanning();
            awaitIdle();
            for (RequestRecord record : records) {
                if (record.newcomerIndex != NewcomerPool.NONE && !record.newcomerReturned.get()) {
                    slots.acquireUninterruptibly();
                    closeEverything(record).whenComplete((ignored, error) -> slots.release());
                }
            }
            awaitIdle();
            for (RequestRecord record : records) {
                // Still unanswered after the wait: never reused, so it cannot collide with what it left open.
                if (record.newcomerIndex != NewcomerPool.NONE && giveBack(record, false)) {
                    failed.incrementAndGet();
                }
            }
            return new Counts(
                    withdrawn.get(),
                    ended.get(),
                    failed.get(),
                    closedAfterRun.get(),
                    setAside.get(),
                    pool.reuses() - reusesBefore,
                    pool.free(),
                    pool.setAside());
        }

        private void scanUntilStopped() {
            while (scanning) {
                scanSafely();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SCAN_MILLIS));
            }
            scanSafely();
        }

        /** A surprise must not end the scanning: a record it hit is left to {@link #finish} and counted failed. */
        private void scanSafely() {
            try {
                scan();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        }

        private void scan() {
            for (Iterator<RequestRecord> it = pending.iterator(); it.hasNext(); ) {
                RequestRecord record = it.next();
                if (record.failure != null) {
                    it.remove(); // refused or unanswered: left for the end of the run
                    continue;
                }
                String requestId = record.requestId;
                Step step = next(record, requestId == null ? null : ledger.find(requestId));
                if (step == Step.WAIT) {
                    continue;
                }
                it.remove();
                slots.acquireUninterruptibly();
                close(record, step).whenComplete((ignored, error) -> slots.release());
            }
        }

        private CompletableFuture<Void> close(RequestRecord record, Step step) {
            String token = newcomerTokens[record.newcomerIndex];
            String requestId = record.requestId;
            CompletableFuture<StackApi.Reply> call;
            try {
                call = step == Step.END_MATCH
                        ? api.endMatch(token, ledger.find(requestId).matchId, END_REASON)
                        : api.withdrawRequest(token, requestId);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.handle((reply, error) -> {
                if (reply != null && reply.ok()) {
                    (step == Step.END_MATCH ? ended : withdrawn).incrementAndGet();
                    acceptances.closed(requestId);
                    giveBack(record, true);
                } else {
                    failed.incrementAndGet();
                    record.closeFailed = true;
                }
                return null;
            });
        }

        /** Lists the newcomer's requests and closes every open one and every match not ended. */
        private CompletableFuture<Void> closeEverything(RequestRecord record) {
            String token = newcomerTokens[record.newcomerIndex];
            CompletableFuture<Boolean> closedAll;
            try {
                closedAll = api.newcomerRequests(token).thenCompose(reply -> {
                    if (!reply.ok()) {
                        return CompletableFuture.completedFuture(false);
                    }
                    List<CompletableFuture<Boolean>> calls = new ArrayList<>();
                    for (Closing closing : stillOpen(reply.json())) {
                        calls.add((closing.endMatch()
                                        ? api.endMatch(token, closing.id(), END_REASON)
                                        : api.withdrawRequest(token, closing.id()))
                                .handle((answer, error) -> {
                                    boolean ok = answer != null && answer.ok();
                                    if (ok) {
                                        (closing.endMatch() ? ended : withdrawn).incrementAndGet();
                                        acceptances.closed(closing.requestId());
                                    } else {
                                        failed.incrementAndGet();
                                    }
                                    return ok;
                                }));
                    }
                    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> calls.stream().allMatch(CompletableFuture::join));
                });
            } catch (RuntimeException e) {
                closedAll = CompletableFuture.failedFuture(e);
            }
            return closedAll.handle((ok, error) -> {
                boolean freed = ok != null && ok;
                if (freed) {
                    closedAfterRun.incrementAndGet();
                }
                giveBack(record, freed);
                return null;
            });
        }

        /** Gives the send's newcomer back (or sets it aside) once; true if this call did. */
        private boolean giveBack(RequestRecord record, boolean free) {
            if (!record.newcomerReturned.compareAndSet(false, true)) {
                return false;
            }
            acceptances.forget(population.newcomerId(record.newcomerIndex), record);
            if (free) {
                pool.release(record.newcomerIndex);
            } else {
                pool.setAside(record.newcomerIndex);
                setAside.incrementAndGet();
            }
            return true;
        }

        private void awaitIdle() {
            try {
                if (slots.tryAcquire(AT_ONCE, FINISH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    slots.release(AT_ONCE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
