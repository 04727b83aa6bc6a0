package org.samepath.matching.request;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.samepath.contracts.DomainEvent;
import org.samepath.matching.request.MatchRequest.CandidateTrace;
import org.samepath.matching.request.MatchRequest.Decision;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.MentorSearch.Candidate;
import org.samepath.matching.request.MentorSearch.Search;
import org.samepath.matching.slots.MentorSlots;

/**
 * Moves a searching request forward: proposes the best candidate whose slot it can reserve, or waitlists the request
 * with the reasons nobody fits. Safe to run for the same request from several threads or instances: the slot
 * reservation and the version-guarded write decide, and a loser gives its slot back and looks again.
 */
class Matchmaker {

    private static final int MAX_ATTEMPTS = 5;
    private static final int TRACED_CANDIDATES = 5;

    private final MatchRequestStore store;
    private final MentorSearch search;
    private final MentorSlots slots;
    private final MatchingSettings settings;
    private final Clock clock;

    Matchmaker(
            MatchRequestStore store, MentorSearch search, MentorSlots slots, MatchingSettings settings, Clock clock) {
        this.store = store;
        this.search = search;
        this.slots = slots;
        this.settings = settings;
        this.clock = clock;
    }

    /** Proposes a mentor or waitlists; returns the request as it now stands. */
    MatchRequest advance(String requestId) {
        return advance(store.find(requestId).orElseThrow());
    }

    /** As {@link #advance(String)}, starting from the request as the caller just read it (no read of it again). */
    MatchRequest advance(MatchRequest request) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (!needsAMentor(request)) {
                return request;
            }
            MatchRequest advanced = tryAdvance(request);
            if (advanced != null) {
                return advanced;
            }
            request = store.find(request.id()).orElseThrow();
        }
        return request;
    }

    /**
     * A new request's first step, decided before it is stored, so the request is written once, already proposed or
     * waitlisted, with its submission and that outcome in one outbox (one relay): the newcomer's profile comes from
     * the caller, who has just read it.
     */
    MatchRequest submitNew(MatchRequest submitted, Document newcomer, DomainEvent submittedEvent) {
        Instant now = submitted.createdAt();
        Step step = decide(submitted, search.search(newcomer, List.of(), now), now);
        try {
            store.insert(step.after(), submittedEvent, step.event());
        } catch (RuntimeException e) {
            step.undo(slots);
            throw e;
        }
        return step.after();
    }

    private static boolean needsAMentor(MatchRequest request) {
        return request.status().isOpen() && request.pendingProposal().isEmpty();
    }

    /** Null when another writer got there first. */
    private MatchRequest tryAdvance(MatchRequest request) {
        Instant now = clock.instant();
        Step step = decide(request, search.search(request.newcomerId(), request.triedMentorIds(), now), now);
        if (step.event() == null) {
            return request; // waitlisted already, with nothing new to say
        }
        if (store.update(request, step.after(), step.event())) {
            return step.after();
        }
        step.undo(slots);
        return null;
    }

    /**
     * The request's next state: proposed to the best candidate whose slot could be reserved (the reservation is
     * made here; {@link Step#undo} gives it back if the write fails), or waitlisted with the reasons nobody fits.
     */
    private Step decide(MatchRequest request, Search found, Instant now) {
        String proposalId = request.id() + "-p" + (request.proposals().size() + 1);
        for (Candidate candidate : found.candidates()) {
            if (!slots.reserve(candidate.mentorId(), proposalId)) {
                continue; // full since the pool was last refreshed
            }
            Proposal proposal = Proposal.pending(proposalId, candidate, now, settings, null);
            MatchRequest proposed = request.withProposal(proposal)
                    .withStatus(Status.PROPOSED)
                    .withWaitlistReasons(List.of())
                    .withDecision(decision(now, "PROPOSED", found, candidate.mentorId()));
            return new Step(proposed, MatchEvents.proposed(request, proposal, now), proposal);
        }
        List<String> reasons = found.blockingReasons().isEmpty()
                ? List.of("every compatible mentor is busy right now")
                : found.blockingReasons();
        if (request.status() == Status.WAITLISTED && request.waitlistReasons().equals(reasons)) {
            return new Step(request, null, null);
        }
        MatchRequest waitlisted = request.withStatus(Status.WAITLISTED)
                .withWaitlistReasons(reasons)
                .withDecision(decision(now, "WAITLISTED", found, null));
        return new Step(waitlisted, MatchEvents.waitlisted(waitlisted, now), null);
    }

    /** A decided step: the request after it, the event it causes (none when nothing changed), the proposal made. */
    private record Step(MatchRequest after, DomainEvent event, Proposal proposed) {

        void undo(MentorSlots slots) {
            if (proposed != null) {
                slots.release(proposed.mentorId(), proposed.id());
            }
        }
    }

    private static Decision decision(Instant now, String outcome, Search found, String chosenMentorId) {
        List<CandidateTrace> traces = found.candidates().stream()
                .limit(TRACED_CANDIDATES)
                .map(c -> new CandidateTrace(
                        c.mentorId(), c.score(), c.breakdown(), c.mentorId().equals(chosenMentorId)))
                .toList();
        return new Decision(
                now,
                outcome,
                found.engineVersion(),
                traces,
                found.removedByFilter(),
                found.blockingReasons(),
                "engine",
                null);
    }
}
