package org.samepath.matching.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.testsupport.TestInfrastructure;

/**
 * A mentor's slot is taken before its proposal is written and given back after the proposal or match is closed; a
 * crash between the writes leaves a hold nothing releases. Each case is set up as the crash leaves it: the repair must
 * give such slots back, and keep every slot a pending proposal or a going match still needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotHoldRepairTests {

    private final NewcomerLockRepairTests.SettableClock clock =
            new NewcomerLockRepairTests.SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private MongoClient mongo;
    private MatchRequestStore store;
    private MentorSlots slots;
    private SlotHoldRepair repair;

    @BeforeAll
    void database() {
        String name = "slot_repair_tests_" + UUID.randomUUID().toString().substring(0, 8);
        mongo = MongoClients.create(TestInfrastructure.shared().mongoUri(name));
        MongoDatabase database = mongo.getDatabase(name);
        MatchingSettings settings = new MatchingSettings(
                Duration.ofHours(72), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(6), 200, 200, 10);
        store = RequestStores.withoutRelay(database, settings, clock);
        slots = new MentorSlots(database, clock);
        repair = new SlotHoldRepair(store, slots, new RepairWatermarks(database), clock);
    }

    @AfterAll
    void close() {
        mongo.close();
    }

    @Test
    void aSlotTakenForAProposalThatWasNeverWrittenIsGivenBackOnceTheGraceHasPassed() {
        String mentor = mentorWithTwoSlots();
        assertThat(slots.reserve(mentor, "r-" + mentor + "-p1")).isTrue();

        clock.advance(SlotHoldRepair.GRACE.minusSeconds(5));
        repair.repair();
        assertThat(slots.inUse(mentor))
                .as("the proposal may still be on its way")
                .isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        repair.repair();
        assertThat(slots.inUse(mentor)).isZero();
        assertThat(slots.reserve(mentor, "a")).isTrue();
        assertThat(slots.reserve(mentor, "b")).as("both slots free again").isTrue();
    }

    @Test
    void slotsHeldByDeclinedExpiredOrWithdrawnProposalsAreGivenBack() {
        for (ProposalStatus closed :
                List.of(ProposalStatus.DECLINED, ProposalStatus.EXPIRED, ProposalStatus.WITHDRAWN)) {
            String mentor = mentorWithTwoSlots();
            String requestId = "r-" + UUID.randomUUID();
            slots.reserve(mentor, requestId + "-p1");
            storeRequest(requestId, Status.SEARCHING, List.of(proposal(requestId + "-p1", mentor, closed)), null);
            clock.advance(SlotHoldRepair.GRACE.plusSeconds(1));

            repair.repair();

            assertThat(slots.inUse(mentor)).as("after a %s proposal", closed).isZero();
        }
    }

    @Test
    void aSlotHeldByAnEndedMatchIsGivenBack() {
        String mentor = mentorWithTwoSlots();
        String requestId = "r-" + UUID.randomUUID();
        slots.reserve(mentor, requestId + "-p1");
        storeRequest(
                requestId,
                Status.CLOSED,
                List.of(proposal(requestId + "-p1", mentor, ProposalStatus.ACCEPTED)),
                match(requestId + "-p1", mentor, MatchStatus.ENDED));
        clock.advance(SlotHoldRepair.GRACE.plusSeconds(1));

        repair.repair();

        assertThat(slots.inUse(mentor)).isZero();
    }

    /** A search resumed after the crash proposes another mentor under the same proposal id. */
    @Test
    void aSlotTakenUnderAProposalIdThatWentToAnotherMentorIsGivenBack() {
        String first = mentorWithTwoSlots();
        String second = mentorWithTwoSlots();
        String requestId = "r-" + UUID.randomUUID();
        slots.reserve(first, requestId + "-p1");
        slots.reserve(second, requestId + "-p1");
        storeRequest(
                requestId, Status.PROPOSED, List.of(proposal(requestId + "-p1", second, ProposalStatus.PENDING)), null);
        clock.advance(SlotHoldRepair.GRACE.plusSeconds(1));

        repair.repair();

        assertThat(Map.of(first, slots.inUse(first), second, slots.inUse(second)))
                .isEqualTo(Map.of(first, 0, second, 1));
    }

    @Test
    void slotsOfPendingProposalsAndGoingMatchesAreKept() {
        String proposed = mentorWithTwoSlots();
        String matched = mentorWithTwoSlots();
        String paused = mentorWithTwoSlots();
        String pendingRequest = "r-" + UUID.randomUUID();
        slots.reserve(proposed, pendingRequest + "-p2");
        storeRequest(
                pendingRequest,
                Status.PROPOSED,
                List.of(
                        proposal(pendingRequest + "-p1", matched, ProposalStatus.DECLINED),
                        proposal(pendingRequest + "-p2", proposed, ProposalStatus.PENDING)),
                null);
        for (String mentor : List.of(matched, paused)) {
            String requestId = "r-" + UUID.randomUUID();
            slots.reserve(mentor, requestId + "-p1");
            storeRequest(
                    requestId,
                    Status.MATCHED,
                    List.of(proposal(requestId + "-p1", mentor, ProposalStatus.ACCEPTED)),
                    match(requestId + "-p1", mentor, mentor.equals(paused) ? MatchStatus.PAUSED : MatchStatus.ACTIVE));
        }
        clock.advance(SlotHoldRepair.GRACE.plusSeconds(1));

        repair.repair();

        assertThat(List.of(slots.inUse(proposed), slots.inUse(matched), slots.inUse(paused)))
                .containsExactly(1, 1, 1);
    }

    private String mentorWithTwoSlots() {
        String mentor = "mentor-" + UUID.randomUUID().toString().substring(0, 8);
        slots.setCapacity(mentor, 2);
        return mentor;
    }

    private void storeRequest(String requestId, Status status, List<Proposal> proposals, Match match) {
        Instant now = clock.instant();
        store.insert(new MatchRequest(
                requestId,
                "newcomer-" + requestId,
                status,
                null,
                now,
                now,
                proposals.size() + 1,
                proposals,
                match,
                List.of(),
                proposals.stream().map(Proposal::mentorId).toList(),
                List.of()));
    }

    private Proposal proposal(String id, String mentorId, ProposalStatus status) {
        Instant now = clock.instant();
        return new Proposal(
                id,
                mentorId,
                status,
                50,
                List.of(),
                Map.of(),
                List.of(),
                now,
                now.plus(Duration.ofHours(72)),
                now.plus(Duration.ofHours(36)),
                false,
                status == ProposalStatus.PENDING ? null : now,
                null,
                null);
    }

    private Match match(String proposalId, String mentorId, MatchStatus status) {
        Instant now = clock.instant();
        return new Match("m-" + proposalId, proposalId, mentorId, status, now, null, null, null);
    }
}
