package org.samepath.matching.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.samepath.contracts.DomainEvent;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.slots.MentorSlots;

/**
 * A request with its pending proposal closed (if it had one), the events that causes, and the slot to give back
 * once the change is stored. Used by every path that ends a proposal other than acceptance.
 */
record Transition(MatchRequest after, List<DomainEvent> events, Optional<Proposal> closed) {

    static Transition closePending(MatchRequest request, ProposalStatus status, String reasonCode, Instant now) {
        Optional<Proposal> pending = request.pendingProposal();
        if (pending.isEmpty()) {
            return new Transition(request, List.of(), Optional.empty());
        }
        Proposal closed = pending.get().closed(status, now, reasonCode);
        DomainEvent event =
                switch (status) {
                    case DECLINED -> MatchEvents.declined(request, closed, now);
                    case EXPIRED -> MatchEvents.expired(request, closed, now);
                    default -> MatchEvents.proposalWithdrawn(request, closed, now, reasonCode);
                };
        return new Transition(request.withProposal(closed), List.of(event), Optional.of(closed));
    }

    DomainEvent[] with(DomainEvent... more) {
        List<DomainEvent> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all.toArray(DomainEvent[]::new);
    }

    void releaseSlot(MentorSlots slots) {
        closed.ifPresent(proposal -> slots.release(proposal.mentorId(), proposal.id()));
    }
}
