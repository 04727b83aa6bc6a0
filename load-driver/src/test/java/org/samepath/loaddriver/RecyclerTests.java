package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RecyclerTests {

    @Test
    void aProposedRequestIsWithdrawnOnceItsProposalWasSeenAndNotBefore() {
        RequestRecord record = answered(false);
        Ledger.Sighting sighting = new Ledger.Sighting();

        assertThat(Recycler.next(record, null)).isEqualTo(Recycler.Step.WAIT);
        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.WAIT);
        sighting.proposalArrived = 5;
        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.WITHDRAW);
    }

    @Test
    void aWaitlistedRequestIsWithdrawnOnceItsAlertWasSeen() {
        Ledger.Sighting sighting = new Ledger.Sighting();
        sighting.waitlistAlertArrived = 5;

        assertThat(Recycler.next(answered(false), sighting)).isEqualTo(Recycler.Step.WITHDRAW);
    }

    @Test
    void anAcceptedRequestsMatchIsEndedOnlyAfterItsMatchStartReachedTheNewcomer() {
        RequestRecord record = answered(true);
        Ledger.Sighting sighting = new Ledger.Sighting();
        sighting.proposalArrived = 5;

        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.WAIT);
        sighting.acceptStatus = 200;
        sighting.acceptReturned = 6;
        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.WAIT);
        sighting.matchId = "m-1";
        sighting.matchStartedArrived = 7;
        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.END_MATCH);
    }

    @Test
    void aRefusedAcceptLeavesTheRequestToWithdraw() {
        Ledger.Sighting sighting = new Ledger.Sighting();
        sighting.proposalArrived = 5;
        sighting.acceptStatus = 409;
        sighting.acceptReturned = 6;

        assertThat(Recycler.next(answered(true), sighting)).isEqualTo(Recycler.Step.WITHDRAW);
    }

    @Test
    void aFailedSendWaitsForTheEndOfTheRun() {
        RequestRecord record = answered(false);
        record.failure = "no answer within 35 s";
        Ledger.Sighting sighting = new Ledger.Sighting();
        sighting.proposalArrived = 5;

        assertThat(Recycler.next(record, sighting)).isEqualTo(Recycler.Step.WAIT);
    }

    @Test
    void afterTheRunEveryOpenRequestIsWithdrawnAndEveryMatchNotEndedIsEnded() {
        JsonNode requests = StackApi.JSON.readTree(
                """
                [{"id": "r-5", "status": "WAITLISTED"},
                 {"id": "r-4", "status": "MATCHED", "match": {"id": "m-4", "status": "ACTIVE"}},
                 {"id": "r-3", "status": "CLOSED", "match": {"id": "m-3", "status": "ENDED"}},
                 {"id": "r-2", "status": "WITHDRAWN"},
                 {"id": "r-1", "status": "PROPOSED"}]
                """);

        assertThat(Recycler.stillOpen(requests))
                .containsExactly(
                        new Recycler.Closing(false, "r-5", "r-5"),
                        new Recycler.Closing(true, "m-4", "r-4"),
                        new Recycler.Closing(false, "r-1", "r-1"));
    }

    private static RequestRecord answered(boolean sampled) {
        RequestRecord record = new RequestRecord(0, true, sampled);
        record.httpStatus = 202;
        record.initialStatus = "PROPOSED";
        record.requestId = "r-1";
        return record;
    }
}
