package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samepath.loaddriver.StageTimings.Stage;

class StageTimingsTests {

    private static final long MS = 1_000_000L;

    @Test
    void eachStageHasItsOwnPercentilesFromTheIntendedSendAndFromTheAnswer() {
        StageTimings timings = new StageTimings();
        for (int i = 1; i <= 100; i++) {
            long intended = 1_000 * MS * i;
            long answered = intended + 10 * MS;
            timings.record(Stage.POST_ANSWERED, intended, answered, answered);
            timings.record(Stage.NOTIFICATION_STREAMED, intended, answered, answered + i * MS);
        }

        assertThat(timings.fromIntended(Stage.POST_ANSWERED).percentileMillis(99))
                .isCloseTo(10, within(0.1));
        assertThat(timings.fromAnswer(Stage.NOTIFICATION_STREAMED).percentileMillis(50))
                .isCloseTo(50, within(0.1));
        assertThat(timings.fromAnswer(Stage.NOTIFICATION_STREAMED).percentileMillis(90))
                .isCloseTo(90, within(0.1));
        assertThat(timings.fromIntended(Stage.NOTIFICATION_STREAMED).percentileMillis(99))
                .isCloseTo(109, within(0.2));
        assertThat(timings.fromIntended(Stage.PROPOSED_SEEN).count()).isZero();
    }

    @Test
    void theAnswerIsNotTimedFromItselfAndAStageBeforeTheAnswerIsCountedApart() {
        StageTimings timings = new StageTimings();
        timings.record(Stage.POST_ANSWERED, 0, 50 * MS, 50 * MS);
        timings.record(Stage.SUBMITTED_STAMPED, 0, 50 * MS, 20 * MS);
        timings.record(Stage.SUBMITTED_SEEN, 0, 50 * MS, 0);

        assertThat(timings.fromAnswer(Stage.POST_ANSWERED).count()).isZero();
        assertThat(timings.fromAnswer(Stage.SUBMITTED_STAMPED).negative()).isEqualTo(1);
        assertThat(timings.fromIntended(Stage.SUBMITTED_STAMPED).percentileMillis(50))
                .isCloseTo(20, within(0.1));
        assertThat(timings.fromIntended(Stage.SUBMITTED_SEEN).count()).isZero();
    }

    @Test
    void aRunsStagesComeFromTheRecordsAndTheStreamsLeavingWaitlistedRequestsOutOfTheProposalStages() {
        WallClock clock = new WallClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * MS, 0);
        Ledger ledger = new Ledger();
        RequestRecord proposed = answered(0, "r-1", "PROPOSED", 0, 40 * MS);
        RequestRecord waitlisted = answered(1, "r-2", "WAITLISTED", 5 * MS, 45 * MS);
        ledger.onNotification("m-1", proposal("r-1", "2026-01-01T00:00:00.070Z"), 90 * MS);
        ledger.onNotification("m-2", proposal("r-2", "2026-01-01T00:00:00.075Z"), 95 * MS);

        StageTimings timings = StageTimings.of(List.of(proposed, waitlisted), ledger, null, clock);

        assertThat(timings.fromIntended(Stage.POST_ANSWERED).count()).isEqualTo(2);
        assertThat(timings.fromIntended(Stage.NOTIFICATION_STREAMED).count()).isEqualTo(1);
        assertThat(timings.fromIntended(Stage.NOTIFICATION_STORED).percentileMillis(50))
                .isCloseTo(70, within(0.1));
        assertThat(timings.fromAnswer(Stage.NOTIFICATION_STREAMED).percentileMillis(50))
                .isCloseTo(50, within(0.1));
    }

    private static RequestRecord answered(int newcomer, String id, String status, long intended, long returned) {
        RequestRecord record = new RequestRecord(newcomer, true, false);
        record.intended = intended;
        record.sent = intended;
        record.returned = returned;
        record.httpStatus = 202;
        record.initialStatus = status;
        record.requestId = id;
        return record;
    }

    private static tools.jackson.databind.JsonNode proposal(String requestId, String createdAt) {
        return StackApi.JSON
                .createObjectNode()
                .put("id", "n-" + requestId)
                .put("type", Ledger.PROPOSAL_RECEIVED)
                .put("requestId", requestId)
                .put("proposalId", requestId + "-p1")
                .put("createdAt", createdAt);
    }
}
