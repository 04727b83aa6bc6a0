package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.matching.slots.MentorSlots.Hold;

/**
 * A mentor's slot is taken before the proposal that holds it is written, and given back after the proposal or match
 * that held it is closed: two documents, so a crash between the writes leaves a hold that nothing will ever release,
 * and the mentor one slot short for good. This releases every hold whose proposal is not pending, or accepted with a
 * match still going, in its request. A hold younger than {@link #GRACE} may belong to a proposal still being written
 * and is left alone; releasing is the same idempotent, named release the live paths use.
 *
 * <p>A pass reads only what changed since the last one ({@link RepairWatermarks}): the slots of mentors whose
 * slots changed, or who were proposed in requests written, since the watermark; the watermark then moves to the
 * grace (and a little more) before now, so a hold too young to judge is looked at again by the next pass.
 */
class SlotHoldRepair {

    /** Far longer than the few milliseconds between taking a slot and writing its proposal. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private static final int BATCH = 500;
    private static final String WATERMARK = "slot-holds";
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final MatchRequestStore store;
    private final MentorSlots slots;
    private final RepairWatermarks watermarks;
    private final Clock clock;

    SlotHoldRepair(MatchRequestStore store, MentorSlots slots, RepairWatermarks watermarks, Clock clock) {
        this.store = store;
        this.slots = slots;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    /** @return how many holds were released */
    int repair() {
        Instant now = clock.instant();
        Instant from = watermarks.checkedUpTo(WATERMARK);
        Instant heldBefore = now.minus(GRACE);
        Set<String> mentorsOfChangedRequests = new HashSet<>();
        store.changedIn(from, now, include("proposals.mentorId"))
                .forEach(request -> request.getList("proposals", Document.class, List.of())
                        .forEach(proposal -> mentorsOfChangedRequests.add(proposal.getString("mentorId"))));
        List<Hold> settled = slots.holdsOf(mentorsOfChangedRequests, from, now).stream()
                .filter(hold -> hold.at().isBefore(heldBefore))
                .toList();
        int released = 0;
        for (int start = 0; start < settled.size(); start += BATCH) {
            List<Hold> batch = settled.subList(start, Math.min(start + BATCH, settled.size()));
            Set<String> live = liveHolds(batch);
            for (Hold hold : batch) {
                if (!live.contains(key(hold.mentorId(), hold.holdId()))) {
                    slots.release(hold.mentorId(), hold.holdId());
                    released++;
                }
            }
        }
        watermarks.advance(WATERMARK, heldBefore.minus(OVERLAP));
        return released;
    }

    /** The holds of this batch that a pending proposal or a going match (of the same mentor) still needs. */
    private Set<String> liveHolds(List<Hold> batch) {
        Set<String> live = new HashSet<>();
        store.collection()
                .find(in("proposals.id", batch.stream().map(Hold::holdId).toList()))
                .projection(include("proposals.id", "proposals.mentorId", "proposals.status", "match"))
                .forEach(request -> {
                    Document match = request.get("match", Document.class);
                    for (Document proposal : request.getList("proposals", Document.class, List.of())) {
                        String status = proposal.getString("status");
                        boolean held = ProposalStatus.PENDING.name().equals(status)
                                || (ProposalStatus.ACCEPTED.name().equals(status)
                                        && match != null
                                        && proposal.getString("id").equals(match.getString("proposalId"))
                                        && !MatchStatus.ENDED.name().equals(match.getString("status")));
                        if (held) {
                            live.add(key(proposal.getString("mentorId"), proposal.getString("id")));
                        }
                    }
                });
        return live;
    }

    private static String key(String mentorId, String holdId) {
        return mentorId + " " + holdId;
    }
}
