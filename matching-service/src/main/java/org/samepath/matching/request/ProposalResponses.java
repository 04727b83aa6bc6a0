package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A proposed mentor's answer, or the lack of one: accept makes the match; decline or expiry closes the proposal,
 * frees the slot and proposes the next candidate automatically; a reminder is due at half the deadline.
 */
public class ProposalResponses {

    private final MatchRequestStore store;
    private final NewcomerLocks locks;
    private final Matchmaker matchmaker;
    private final MentorSlots slots;
    private final PairHistory history;
    private final Clock clock;

    ProposalResponses(
            MatchRequestStore store,
            NewcomerLocks locks,
            Matchmaker matchmaker,
            MentorSlots slots,
            PairHistory history,
            Clock clock) {
        this.store = store;
        this.locks = locks;
        this.matchmaker = matchmaker;
        this.slots = slots;
        this.history = history;
        this.clock = clock;
    }

    /** The mentor's pending proposals. */
    public List<MatchRequest> pendingFor(String mentorId) {
        return store.findAll(and(eq("status", Status.PROPOSED.name()), eq("proposals.mentorId", mentorId))).stream()
                .filter(r -> r.pendingProposal()
                        .filter(p -> p.mentorId().equals(mentorId))
                        .isPresent())
                .toList();
    }

    public MatchRequest accept(String mentorId, String proposalId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            MatchRequest request = pendingOwnedBy(mentorId, proposalId);
            Proposal proposal = request.proposal(proposalId).orElseThrow();
            Instant now = clock.instant();
            Match match = new Match("m-" + proposalId, proposalId, mentorId, MatchStatus.ACTIVE, now, null, null, null);
            MatchRequest matched = request.withProposal(proposal.closed(ProposalStatus.ACCEPTED, now, null))
                    .withMatch(match)
                    .withStatus(Status.MATCHED);
            if (store.update(request, matched, MatchEvents.accepted(request, proposal, match, now))) {
                locks.matched(request.newcomerId(), request.id(), match.id());
                return matched;
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The proposal changed meanwhile; try again.");
    }

    /** Declining keeps the pair apart for the cool-down; the search continues with the next candidate. */
    public MatchRequest decline(String mentorId, String proposalId, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            MatchRequest request = pendingOwnedBy(mentorId, proposalId);
            Instant now = clock.instant();
            Transition declined = Transition.closePending(request, ProposalStatus.DECLINED, reason, now);
            MatchRequest searching = declined.after().withStatus(Status.SEARCHING);
            if (store.update(request, searching, declined.with())) {
                declined.releaseSlot(slots);
                history.declined(request.newcomerId(), mentorId, now);
                return matchmaker.advance(request.id());
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The proposal changed meanwhile; try again.");
    }

    /**
     * A due proposed request: expires its overdue proposal (and searches on) or records that its reminder is due.
     *
     * @return false when there was nothing to do or someone changed the request first
     */
    boolean expireOrRemind(MatchRequest request, Instant now) {
        Proposal pending = request.pendingProposal().orElse(null);
        if (pending == null) {
            return false;
        }
        if (!pending.respondBy().isAfter(now)) {
            Transition expired = Transition.closePending(request, ProposalStatus.EXPIRED, "NO_ANSWER", now);
            if (store.update(request, expired.after().withStatus(Status.SEARCHING), expired.with())) {
                expired.releaseSlot(slots);
                matchmaker.advance(request.id());
                return true;
            }
        } else if (!pending.reminderSent() && !pending.remindAt().isAfter(now)) {
            MatchRequest reminded = request.withProposal(pending.reminded());
            return store.update(request, reminded, MatchEvents.reminderDue(request, pending, now));
        }
        return false;
    }

    private MatchRequest pendingOwnedBy(String mentorId, String proposalId) {
        MatchRequest request = store.findByProposal(proposalId)
                .filter(r -> r.proposal(proposalId)
                        .map(p -> p.mentorId().equals(mentorId))
                        .orElse(false))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such proposal."));
        ProposalStatus status = request.proposal(proposalId).orElseThrow().status();
        if (status != ProposalStatus.PENDING) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This proposal is already " + status + ".");
        }
        return request;
    }
}
