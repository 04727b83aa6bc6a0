package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The search for the highest rate at which the notification p99 stays within target: steps the offered rate up
 * until p99 leaves the target or something is lost. Before each step every open request of the previous one is
 * withdrawn (freeing the mentors' slots and the newcomers), so each step starts from the same pool; newcomers whose
 * mentor accepted are matched for good and not reused.
 */
final class RateSearch {

    private final DriverOptions options;
    private final StackApi api;
    private final LoadRun loadRun;
    private final Seeding.Seeded seeded;
    private final Ledger ledger;
    private final PrintStream out;

    RateSearch(
            DriverOptions options,
            StackApi api,
            LoadRun loadRun,
            Seeding.Seeded seeded,
            Ledger ledger,
            PrintStream out) {
        this.options = options;
        this.api = api;
        this.loadRun = loadRun;
        this.seeded = seeded;
        this.ledger = ledger;
        this.out = out;
    }

    /** Returns true if any step lost, duplicated or failed to stream something. */
    boolean run(List<Integer> newcomers, RunResult main) throws InterruptedException {
        out.println();
        out.println("5. Searching for the highest rate with p99 <= " + ResultsTable.trim(options.p99TargetMillis())
                + " ms ...");
        List<RunResult> steps = new ArrayList<>();
        List<Integer> free = new ArrayList<>(newcomers);
        boolean failed = false;
        double best = ResultsTable.passes(main, options.p99TargetMillis()) ? main.offeredRate() : 0;
        for (double rate = options.findMaxStart(); rate <= options.findMaxLimit(); rate += options.findMaxStep()) {
            free = recycle(loadRun.lastRecords(), free);
            Propagation.awaitConsumed(
                    api,
                    options,
                    options.mentors(),
                    System.nanoTime() + options.catchUpLimit().toNanos(),
                    out);
            int needed = DriverOptions.requestsAt(rate, options.stepDuration());
            if (needed > free.size()) {
                out.printf(
                        "   stopping: %s/s needs %,d free newcomers, %,d left%n",
                        ResultsTable.trim(rate), needed, free.size());
                break;
            }
            int duplicatesBefore = ledger.duplicateIds() + ledger.duplicateEffects();
            RunResult step = loadRun.run(
                    "step " + ResultsTable.trim(rate) + "/s", rate, Duration.ZERO, options.stepDuration(), free);
            steps.add(step);
            boolean duplicated = ledger.duplicateIds() + ledger.duplicateEffects() > duplicatesBefore;
            failed |= step.lost() > 0 || step.notStreamed() > 0 || duplicated;
            out.printf(
                    "   %s/s: notification p50 %s ms, p99 %s ms, lost %d%n",
                    ResultsTable.trim(rate),
                    Latencies.millis(step.proposalNotified().percentileMillis(50)),
                    Latencies.millis(step.proposalNotified().percentileMillis(99)),
                    step.lost());
            if (!ResultsTable.passes(step, options.p99TargetMillis()) || duplicated) {
                break;
            }
            best = Math.max(best, rate);
        }
        out.println();
        out.println("## Highest rate search (" + options.stepDuration().toSeconds() + " s per step, no warm-up)");
        out.println();
        out.print(ResultsTable.steps(steps, options.p99TargetMillis()));
        out.println();
        out.println("Highest offered rate with notification p99 <= " + ResultsTable.trim(options.p99TargetMillis())
                + " ms and nothing lost: " + (best > 0 ? ResultsTable.trim(best) + "/s" : "none of those tried"));
        return failed;
    }

    /** Withdraws every open request of the last run; returns the newcomers free to ask again, unused ones first. */
    private List<Integer> recycle(List<RequestRecord> lastRun, List<Integer> free) throws InterruptedException {
        long started = System.nanoTime();
        List<Integer> used = new ArrayList<>();
        Set<Integer> usedSet = new HashSet<>();
        for (RequestRecord record : lastRun) {
            usedSet.add(record.newcomerIndex);
        }
        List<Integer> unused = new ArrayList<>();
        for (Integer index : free) {
            if (!usedSet.contains(index)) {
                unused.add(index);
            }
        }
        BoundedAsync inFlight = new BoundedAsync(options.seedConcurrency());
        List<Integer> withdrawn = Collections.synchronizedList(new ArrayList<>());
        for (RequestRecord record : lastRun) {
            if (record.requestId == null) {
                used.add(record.newcomerIndex);
                continue;
            }
            Ledger.Sighting sighting = ledger.find(record.requestId);
            boolean matched = sighting != null && sighting.acceptStatus == 200;
            if (matched) {
                continue;
            }
            inFlight.submit(() -> api.withdrawRequest(seeded.newcomerTokens()[record.newcomerIndex], record.requestId)
                    .whenComplete((reply, error) -> {
                        if (reply != null && reply.ok()) {
                            withdrawn.add(record.newcomerIndex);
                        }
                    }));
        }
        inFlight.awaitIdle(5, TimeUnit.MINUTES);
        used.addAll(withdrawn);
        out.printf(
                "   withdrew %,d open requests in %.1f s; %,d newcomers free%n",
                withdrawn.size(), (System.nanoTime() - started) / 1e9, unused.size() + used.size());
        List<Integer> next = new ArrayList<>(unused);
        next.addAll(used);
        return next;
    }
}
