package org.samepath.matching.request;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.MatchRequest.Decision;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.MentorSearch.Assessment;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** How requests begin and end before a match: a newcomer asks or withdraws, a coordinator assigns by hand. */
public class RequestIntake {

    private final MatchRequestStore store;
    private final NewcomerLocks locks;
    private final Matchmaker matchmaker;
    private final MentorSearch search;
    private final MentorSlots slots;
    private final MatchablePeople people;
    private final MatchingSettings settings;
    private final Clock clock;

    RequestIntake(
            MatchRequestStore store,
            NewcomerLocks locks,
            Matchmaker matchmaker,
            MentorSearch search,
            MentorSlots slots,
            MatchablePeople people,
            MatchingSettings settings,
            Clock clock) {
        this.store = store;
        this.locks = locks;
        this.matchmaker = matchmaker;
        this.search = search;
        this.slots = slots;
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    /** A newcomer asks for a mentor: one open request at a time, none while they have a mentor. */
    public MatchRequest submit(String newcomerId, String note) {
        Document newcomer = people.find(newcomerId)
                .filter(person -> "NEWCOMER".equals(person.getString("role")))
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.CONFLICT, "Create your newcomer profile before asking for a mentor."));
        String requestId = "r-" + UUID.randomUUID();
        if (!locks.claimForRequest(newcomerId, requestId)) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "You already have an open request or a mentor; one at a time.");
        }
        Instant now = clock.instant();
        MatchRequest submitted = new MatchRequest(
                requestId,
                newcomerId,
                Status.SEARCHING,
                note,
                now,
                now,
                0,
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of());
        return matchmaker.submitNew(submitted, newcomer, MatchEvents.submitted(submitted, now));
    }

    /** The newcomer stops searching; a pending proposal is withdrawn and its mentor's slot freed. */
    public MatchRequest withdraw(String newcomerId, String requestId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            MatchRequest request = ownRequest(newcomerId, requestId);
            if (!request.status().isOpen()) {
                throw new ResponseStatusException(
                        HttpStatus.CONFLICT, "This request is already " + request.status() + ".");
            }
            Instant now = clock.instant();
            Transition withdrawn = Transition.closePending(request, ProposalStatus.WITHDRAWN, "REQUEST_WITHDRAWN", now);
            MatchRequest after = withdrawn.after().withStatus(Status.WITHDRAWN);
            if (store.update(request, after, withdrawn.with(MatchEvents.withdrawn(after, now)))) {
                withdrawn.releaseSlot(slots);
                locks.requestClosed(newcomerId, requestId);
                return after;
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The request changed meanwhile; try again.");
    }

    /**
     * A coordinator proposes a mentor by hand. The hard filters still apply; an override with a reason lifts only
     * those that are the newcomer's or the program's to relax ({@code HardFilter.liftableByOverride}), never a
     * report's block, a mentor who is not approved, or a mentor's capacity.
     */
    public MatchRequest assign(
            String requestId, String mentorId, boolean override, String reason, String coordinatorId) {
        if (override && (reason == null || reason.isBlank())) {
            throw new InvalidFieldException("reason", "is required to override the hard filters");
        }
        MatchRequest request = store.find(requestId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request."));
        if (!request.status().isOpen()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This request is already " + request.status() + ".");
        }
        Instant now = clock.instant();
        Assessment assessment = search.assess(request.newcomerId(), mentorId, now);
        if (!assessment.overrideCanLiftAll()) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "This mentor cannot be assigned, even with an override: "
                            + String.join("; ", assessment.unliftable()));
        }
        if (!assessment.violations().isEmpty() && !override) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "This mentor does not fit: " + String.join("; ", assessment.violations()));
        }
        Transition freed = Transition.closePending(request, ProposalStatus.WITHDRAWN, "REASSIGNED", now);
        String proposalId = request.id() + "-p" + (request.proposals().size() + 1);
        if (!slots.reserve(mentorId, proposalId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This mentor has no free slot.");
        }
        MentorSearch.Candidate candidate = assessment
                .candidate()
                .orElse(new MentorSearch.Candidate(mentorId, 0, java.util.Map.of(), List.of(), List.of()));
        Proposal proposal = Proposal.pending(proposalId, candidate, now, settings, coordinatorId);
        Decision decision = new Decision(
                now,
                "ASSIGNED",
                assessment.engineVersion(),
                List.of(),
                java.util.Map.of(),
                assessment.violations(),
                coordinatorId,
                override ? "override: " + reason : reason);
        MatchRequest after = freed.after()
                .withProposal(proposal)
                .withStatus(Status.PROPOSED)
                .withWaitlistReasons(List.of())
                .withDecision(decision);
        if (!store.update(request, after, freed.with(MatchEvents.proposed(request, proposal, now)))) {
            slots.release(mentorId, proposalId);
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The request changed meanwhile; try again.");
        }
        freed.releaseSlot(slots);
        return after;
    }

    private MatchRequest ownRequest(String newcomerId, String requestId) {
        return store.find(requestId)
                .filter(request -> request.newcomerId().equals(newcomerId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request."));
    }
}
