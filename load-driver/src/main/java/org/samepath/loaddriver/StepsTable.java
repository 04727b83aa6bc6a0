package org.samepath.loaddriver;

import java.util.List;
import java.util.Locale;

/** The table of the search for the highest rate: one line per step, and whether the step met the p99 target. */
final class StepsTable {

    private StepsTable() {}

    /** One line per step of the search for the highest rate. */
    static String render(List<RunResult> steps, double p99Target) {
        StringBuilder table = new StringBuilder(
                "| offered | achieved | notification p50 | p90 | p99 | max | from intended p99 | lost | unanswered (acted on"
                        + " later) | not streamed | no free newcomer | driver CPU | p99 within target |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunResult step : steps) {
            Latencies latencies = step.proposalNotified();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s/s | %.1f/s | %s | %s | %s | %s | %s | %d | %d (%d) | %d | %d | %s | %s |%n",
                    ResultsTable.trim(step.offeredRate()),
                    step.achievedRate(),
                    Latencies.millis(latencies.percentileMillis(50)),
                    Latencies.millis(latencies.percentileMillis(90)),
                    Latencies.millis(latencies.percentileMillis(99)),
                    Latencies.millis(latencies.maxMillis()),
                    Latencies.millis(step.proposalNotifiedFromIntended().percentileMillis(99)),
                    step.lost(),
                    step.unanswered().unanswered(),
                    step.unanswered().actedOnLater(),
                    step.notStreamed(),
                    step.noFreeNewcomer(),
                    ResultsTable.percent(step.driver().shareOfOneCore()),
                    passes(step, p99Target) ? "yes" : "no"));
        }
        return table.toString();
    }

    /** Nothing lost or unstreamed, every send made (the rate was really offered), p99 within target. */
    static boolean passes(RunResult step, double p99Target) {
        return step.lost() == 0
                && step.notStreamed() == 0
                && step.noFreeNewcomer() == 0
                && step.proposalNotified().count() > 0
                && step.proposalNotified().percentileMillis(99) <= p99Target;
    }
}
