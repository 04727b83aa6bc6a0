package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Matches end (by either party or a coordinator, optionally asking for a new mentor) or are paused for safety. */
public class MatchEndings {

    private final MatchRequestStore store;
    private final NewcomerLocks locks;
    private final MentorSlots slots;
    private final PairHistory history;
    private final RequestIntake intake;
    private final Clock clock;

    MatchEndings(
            MatchRequestStore store,
            NewcomerLocks locks,
            MentorSlots slots,
            PairHistory history,
            RequestIntake intake,
            Clock clock) {
        this.store = store;
        this.locks = locks;
        this.slots = slots;
        this.history = history;
        this.intake = intake;
        this.clock = clock;
    }

    /** Matches a person is part of (all of them for a coordinator, {@code personId} null). */
    public List<MatchRequest> matchesOf(String personId) {
        return personId == null
                ? store.findAll(eq("status", Status.MATCHED.name())).stream().toList()
                : store.findAll(or(eq("match.mentorId", personId), eq("newcomerId", personId))).stream()
                        .filter(r -> r.match() != null)
                        .toList();
    }

    /**
     * Ends a match. The pair is never proposed again; with {@code rematch} the newcomer's search starts over at once.
     *
     * @param personId who ends it; null when a coordinator does
     */
    public MatchRequest end(String matchId, String personId, String role, String reason, boolean rematch) {
        MatchRequest ended = transition(matchId, personId, role, MatchStatus.ENDED, reason, rematch);
        Match match = ended.match();
        slots.release(match.mentorId(), match.proposalId());
        history.ended(ended.newcomerId(), match.mentorId());
        locks.matchEnded(ended.newcomerId(), match.id());
        if (rematch && ended.newcomerId().equals(personId)) {
            intake.submit(ended.newcomerId(), null);
        }
        return ended;
    }

    public MatchRequest pause(String matchId, String coordinatorId) {
        return transition(matchId, null, "COORDINATOR", MatchStatus.PAUSED, null, false);
    }

    private MatchRequest transition(
            String matchId, String personId, String role, MatchStatus to, String reason, boolean rematch) {
        for (int attempt = 0; attempt < 5; attempt++) {
            MatchRequest request = store.findByMatch(matchId)
                    .filter(r -> personId == null
                            || r.newcomerId().equals(personId)
                            || r.match().mentorId().equals(personId))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such match."));
            Match match = request.match();
            boolean allowed = to == MatchStatus.ENDED
                    ? match.status() != MatchStatus.ENDED
                    : match.status() == MatchStatus.ACTIVE;
            if (!allowed) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "This match is " + match.status() + ".");
            }
            Instant now = clock.instant();
            Match changed = match.with(to, now, role, reason);
            MatchRequest after =
                    request.withMatch(changed).withStatus(to == MatchStatus.ENDED ? Status.CLOSED : request.status());
            var event = to == MatchStatus.ENDED
                    ? MatchEvents.ended(request, changed, now, role, rematch)
                    : MatchEvents.paused(request, changed, now, role);
            if (store.update(request, after, event)) {
                return after;
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The match changed meanwhile; try again.");
    }
}
