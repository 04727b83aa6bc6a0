package org.samepath.loaddriver;

import java.util.Locale;

/** The per-stage table: where a measured request's time goes, one line per stage, in the order they happen. */
final class StageTable {

    private StageTable() {}

    static String render(StageTimings stages) {
        StringBuilder table = new StringBuilder(
                "| stage reached | n | from the intended send: p50 / p90 / p99 / max | from the POST answer: p50 / p90 /"
                        + " p99 / max | reached before the answer |\n|---|---|---|---|---|\n");
        for (StageTimings.Stage stage : StageTimings.Stage.values()) {
            Latencies fromIntended = stages.fromIntended(stage);
            Latencies fromAnswer = stages.fromAnswer(stage);
            boolean isTheAnswer = stage == StageTimings.Stage.POST_ANSWERED;
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %s | %s |%n",
                    stage.label,
                    fromIntended.count(),
                    fromIntended.summary(),
                    isTheAnswer ? "—" : fromAnswer.summary(),
                    isTheAnswer ? "" : String.format(Locale.ROOT, "%,d", fromAnswer.negative())));
        }
        return table.toString();
    }

    /** What the table means, printed under it. */
    static final String NOTE =
            "Record timestamps are the producer's clock and notification times notification-service's, both this"
                    + " machine's wall clock with millisecond resolution; \"held by the driver's consumer\" is when the"
                    + " driver's own Kafka consumer had the record. Requests first waitlisted are not in the proposal"
                    + " stages.";
}
