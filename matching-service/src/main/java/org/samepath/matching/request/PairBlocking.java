package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.web.server.ResponseStatusException;

/**
 * A report blocks the pair for good: never proposed again, a pending proposal between them withdrawn (the search
 * goes on without that mentor), an active match paused for a coordinator to look at, or ended and searched again at
 * once when the reporting newcomer asks for that. Safe to apply twice.
 */
class PairBlocking {

    private final MatchRequestStore store;
    private final MatchablePeople people;
    private final PairHistory history;
    private final MentorSlots slots;
    private final Matchmaker matchmaker;
    private final MatchEndings endings;
    private final Clock clock;

    PairBlocking(
            MatchRequestStore store,
            MatchablePeople people,
            PairHistory history,
            MentorSlots slots,
            Matchmaker matchmaker,
            MatchEndings endings,
            Clock clock) {
        this.store = store;
        this.people = people;
        this.history = history;
        this.slots = slots;
        this.matchmaker = matchmaker;
        this.endings = endings;
        this.clock = clock;
    }

    void reported(String reporterId, String subjectId, boolean rematchRequested) {
        Optional<String> reporterRole = roleOf(reporterId);
        Optional<String> subjectRole = roleOf(subjectId);
        if (reporterRole.isPresent() && reporterRole.equals(subjectRole)) {
            return; // not a newcomer-mentor pair
        }
        if (reporterRole.isEmpty() && subjectRole.isEmpty()) {
            // Profiles travel another topic and may arrive after the report: block both ways round, so whichever
            // turns out to be the newcomer is never proposed the other. Neither can have a request here yet.
            history.blocked(reporterId, subjectId);
            history.blocked(subjectId, reporterId);
            return;
        }
        boolean newcomerReported = reporterRole
                .map(role -> role.equals("NEWCOMER"))
                .orElseGet(() -> !subjectRole.get().equals("NEWCOMER"));
        String newcomerId = newcomerReported ? reporterId : subjectId;
        String mentorId = newcomerReported ? subjectId : reporterId;
        history.blocked(newcomerId, mentorId);
        for (MatchRequest request : store.findAll(eq("newcomerId", newcomerId))) {
            if (request.pendingProposal()
                    .filter(p -> p.mentorId().equals(mentorId))
                    .isPresent()) {
                withdrawProposal(request);
            } else if (request.match() != null
                    && request.match().mentorId().equals(mentorId)
                    && request.match().status() != MatchStatus.ENDED) {
                stopMatch(request, newcomerReported && rematchRequested);
            }
        }
    }

    private void withdrawProposal(MatchRequest request) {
        Instant now = clock.instant();
        Transition withdrawn = Transition.closePending(request, ProposalStatus.WITHDRAWN, "PAIR_BLOCKED", now);
        if (store.update(request, withdrawn.after().withStatus(Status.SEARCHING), withdrawn.with())) {
            withdrawn.releaseSlot(slots);
            matchmaker.advance(request.id());
        }
    }

    private void stopMatch(MatchRequest request, boolean rematch) {
        try {
            if (rematch) {
                endings.end(request.match().id(), request.newcomerId(), "NEWCOMER", "PAIR_BLOCKED", true);
            } else if (request.match().status() == MatchStatus.ACTIVE) {
                endings.pause(request.match().id(), "SYSTEM");
            }
        } catch (ResponseStatusException alreadyChanged) {
            // ended or paused meanwhile: nothing left to stop
        }
    }

    private Optional<String> roleOf(String personId) {
        return people.find(personId).map(person -> person.getString("role"));
    }
}
