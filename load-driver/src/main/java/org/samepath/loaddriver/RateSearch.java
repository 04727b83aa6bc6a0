package org.samepath.loaddriver;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The search for the highest rate at which the notification p99 stays within target: steps the offered rate up
 * until p99 leaves the target or something is lost. Each step reuses the newcomers of the run before: every run
 * gives back (through the {@link Recycler}) each newcomer it took once its request is withdrawn or its match ended,
 * so each step starts from the same free pool; a newcomer the driver could not close is set aside.
 */
final class RateSearch {

    private final DriverOptions options;
    private final StackApi api;
    private final LoadRun loadRun;
    private final NewcomerPool newcomers;
    private final Ledger ledger;
    private final PrintStream out;

    RateSearch(
            DriverOptions options,
            StackApi api,
            LoadRun loadRun,
            NewcomerPool newcomers,
            Ledger ledger,
            PrintStream out) {
        this.options = options;
        this.api = api;
        this.loadRun = loadRun;
        this.newcomers = newcomers;
        this.ledger = ledger;
        this.out = out;
    }

    /** Returns true if any step lost, duplicated or failed to stream something. */
    boolean run(RunResult main) throws InterruptedException {
        out.println();
        out.println("5. Searching for the highest rate with p99 <= " + ResultsTable.trim(options.p99TargetMillis())
                + " ms ...");
        List<RunResult> steps = new ArrayList<>();
        boolean failed = false;
        double best = StepsTable.passes(main, options.p99TargetMillis()) ? main.offeredRate() : 0;
        for (double rate = options.findMaxStart(); rate <= options.findMaxLimit(); rate += options.findMaxStep()) {
            Propagation.awaitConsumed(
                    api,
                    options,
                    options.mentors(),
                    System.nanoTime() + options.catchUpLimit().toNanos(),
                    out);
            int needed = DriverOptions.minimumNewcomers(rate);
            if (needed > newcomers.free()) {
                out.printf(
                        "   stopping: %s/s needs at least %,d free newcomers (rate x %d s), %,d free%n",
                        ResultsTable.trim(rate), needed, DriverOptions.MIN_TURNOVER.toSeconds(), newcomers.free());
                break;
            }
            int duplicatesBefore = ledger.duplicateIds() + ledger.duplicateEffects();
            RunResult step =
                    loadRun.run("step " + ResultsTable.trim(rate) + "/s", rate, Duration.ZERO, options.stepDuration());
            steps.add(step);
            boolean duplicated = ledger.duplicateIds() + ledger.duplicateEffects() > duplicatesBefore;
            failed |= step.lost() > 0 || step.notStreamed() > 0 || duplicated;
            out.printf(
                    "   %s/s: notification p50 %s ms, p99 %s ms, lost %d, not sent for want of a free newcomer %d%n",
                    ResultsTable.trim(rate),
                    Latencies.millis(step.proposalNotified().percentileMillis(50)),
                    Latencies.millis(step.proposalNotified().percentileMillis(99)),
                    step.lost(),
                    step.noFreeNewcomer());
            if (!StepsTable.passes(step, options.p99TargetMillis()) || duplicated) {
                break;
            }
            best = Math.max(best, rate);
        }
        out.println();
        out.println("## Highest rate search (" + options.stepDuration().toSeconds() + " s per step, no warm-up)");
        out.println();
        out.print(StepsTable.render(steps, options.p99TargetMillis()));
        out.println();
        out.println("Highest offered rate with notification p99 <= " + ResultsTable.trim(options.p99TargetMillis())
                + " ms and nothing lost: " + (best > 0 ? ResultsTable.trim(best) + "/s" : "none of those tried"));
        List<Charts.RatePoint> points = steps.stream()
                .map(step -> new Charts.RatePoint(
                        step.offeredRate(),
                        step.achievedRate(),
                        step.proposalNotified().percentileMillis(99)))
                .toList();
        Charts.report(
                out,
                "rate search",
                () -> Charts.writeRateSearch(
                        Path.of(options.chartDir(), options.runId() + "-find-max.png"),
                        "Samepath " + options.runId() + ": achieved rate and notification p99 per step",
                        points,
                        options.p99TargetMillis()));
        return failed;
    }
}
