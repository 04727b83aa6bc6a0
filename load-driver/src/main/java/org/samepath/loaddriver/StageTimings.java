package org.samepath.loaddriver;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where a measured request's time goes: when it reached each stage on its way from the {@code POST} to the proposed
 * mentor's stream, timed from the request's intended send time (coordinated omission included) and from the
 * {@code POST} answer. A stage reached before the answer (the request-submitted event is published while the request
 * is still being answered) counts as zero from the answer and is counted apart. Requests first waitlisted are left
 * out of the proposal stages: their proposal waited for a free slot, not for the stack.
 */
final class StageTimings {

    enum Stage {
        POST_ANSWERED("POST /match-requests answered (202)", "POST answered"),
        SUBMITTED_STAMPED("request-submitted on Kafka (record timestamp)", "submitted: stamped"),
        SUBMITTED_SEEN("request-submitted held by the driver's consumer", "submitted: consumed"),
        PROPOSED_STAMPED("mentor-proposed on Kafka (record timestamp)", "proposed: stamped"),
        PROPOSED_SEEN("mentor-proposed held by the driver's consumer", "proposed: consumed"),
        NOTIFICATION_STORED("proposal notification stored (its createdAt)", "notification stored"),
        NOTIFICATION_STREAMED("proposal notification on the mentor's stream", "on the stream");

        final String label;
        final String shortLabel;

        Stage(String label, String shortLabel) {
            this.label = label;
            this.shortLabel = shortLabel;
        }
    }

    private final Map<Stage, Latencies> fromIntended = new EnumMap<>(Stage.class);
    private final Map<Stage, Latencies> fromAnswer = new EnumMap<>(Stage.class);

    StageTimings() {
        for (Stage stage : Stage.values()) {
            fromIntended.put(stage, new Latencies());
            fromAnswer.put(stage, new Latencies());
        }
    }

    /** One request reached {@code stage} at {@code reached}; all {@link System#nanoTime()}, 0 = never reached. */
    void record(Stage stage, long intended, long answered, long reached) {
        if (reached == 0) {
            return;
        }
        fromIntended.get(stage).recordNanos(reached - intended);
        if (stage != Stage.POST_ANSWERED) {
            fromAnswer.get(stage).recordNanos(reached - answered);
        }
    }

    Latencies fromIntended(Stage stage) {
        return fromIntended.get(stage);
    }

    /** Empty for {@link Stage#POST_ANSWERED} itself. */
    Latencies fromAnswer(Stage stage) {
        return fromAnswer.get(stage);
    }

    /** The stages of every measured, answered request of a run. */
    static StageTimings of(List<RequestRecord> records, Ledger ledger, MatchingEventsTap tap, WallClock clock) {
        StageTimings timings = new StageTimings();
        for (RequestRecord record : records) {
            if (!record.measured || !record.accepted()) {
                continue;
            }
            long intended = record.intended;
            long answered = record.returned;
            timings.record(Stage.POST_ANSWERED, intended, answered, answered);
            MatchingEventsTap.Events events = tap == null ? null : tap.find(record.requestId);
            if (events != null) {
                timings.record(
                        Stage.SUBMITTED_STAMPED, intended, answered, stamped(clock, events.submittedRecordMillis));
                timings.record(Stage.SUBMITTED_SEEN, intended, answered, events.submittedSeen);
            }
            if ("WAITLISTED".equals(record.initialStatus)) {
                continue;
            }
            if (events != null) {
                timings.record(Stage.PROPOSED_STAMPED, intended, answered, stamped(clock, events.proposedRecordMillis));
                timings.record(Stage.PROPOSED_SEEN, intended, answered, events.proposedSeen);
            }
            Ledger.Sighting sighting = ledger.find(record.requestId);
            if (sighting != null && sighting.proposalArrived != 0) {
                if (sighting.proposalStored != null) {
                    timings.record(
                            Stage.NOTIFICATION_STORED, intended, answered, clock.nanoTimeOf(sighting.proposalStored));
                }
                timings.record(Stage.NOTIFICATION_STREAMED, intended, answered, sighting.proposalArrived);
            }
        }
        return timings;
    }

    private static long stamped(WallClock clock, long epochMillis) {
        return epochMillis <= 0 ? 0 : clock.nanoTimeOfEpochMillis(epochMillis);
    }
}
