package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Instant;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;

/**
 * When a mentor leaves the pool, requests follow: a mentor who pauses or is suspended loses their pending proposals
 * and those newcomers are matched again. (When a mentor can take someone again, {@link WaitlistRetry} follows.)
 */
public class PoolChanges {

    private final MatchRequestStore store;
    private final Matchmaker matchmaker;
    private final MentorSlots slots;
    private final Clock clock;

    PoolChanges(MatchRequestStore store, Matchmaker matchmaker, MentorSlots slots, Clock clock) {
        this.store = store;
        this.matchmaker = matchmaker;
        this.slots = slots;
        this.clock = clock;
    }

    /** Withdraws every pending proposal to this mentor and searches again for those newcomers. */
    public void mentorUnavailable(String mentorId, String reasonCode) {
        for (MatchRequest request :
                store.findAll(and(eq("status", Status.PROPOSED.name()), eq("proposals.mentorId", mentorId)))) {
            if (request.pendingProposal()
                    .filter(p -> p.mentorId().equals(mentorId))
                    .isEmpty()) {
                continue;
            }
            Instant now = clock.instant();
            Transition withdrawn = Transition.closePending(request, ProposalStatus.WITHDRAWN, reasonCode, now);
            if (store.update(request, withdrawn.after().withStatus(Status.SEARCHING), withdrawn.with())) {
                withdrawn.releaseSlot(slots);
                matchmaker.advance(request.id());
            }
        }
    }
}
