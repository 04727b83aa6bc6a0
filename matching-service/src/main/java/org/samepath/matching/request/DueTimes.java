package org.samepath.matching.request;

import java.time.Instant;
import java.util.Optional;
import org.samepath.matching.request.MatchRequest.Proposal;

/**
 * When the timer must next look at a request, stored (indexed) with every write so a tick reads only what is due:
 * <ul>
 *   <li>a pending proposal: its reminder time until the reminder is sent, then its deadline;
 *   <li>a search (submitted or searching): the end of the search grace, which the thread running the search normally
 *       beats by moving the request on, so the timer advances only a search a crash left unfinished and never one a
 *       live request still owns;
 *   <li>a waitlisted request: a slow recheck. Freed slots and mentors who become available retry the waitlist
 *       through events ({@link WaitlistRetry}); the recheck catches what only time changes (a mentor reaching the
 *       minimum time in recovery) and what an event lost in a crash would have;
 *   <li>anything else: never.
 * </ul>
 */
class DueTimes {

    private final MatchingSettings settings;

    DueTimes(MatchingSettings settings) {
        this.settings = settings;
    }

    Optional<Instant> dueAt(MatchRequest request, Instant now) {
        return switch (request.status()) {
            case SUBMITTED, SEARCHING -> Optional.of(now.plus(settings.searchGrace()));
            case PROPOSED -> Optional.of(
                    request.pendingProposal().map(DueTimes::nextForProposal).orElse(now.plus(settings.searchGrace())));
            case WAITLISTED -> Optional.of(now.plus(settings.waitlistRecheck()));
            case MATCHED, WITHDRAWN, CLOSED -> Optional.empty();
        };
    }

    private static Instant nextForProposal(Proposal pending) {
        return pending.reminderSent() || pending.remindAt().isAfter(pending.respondBy())
                ? pending.respondBy()
                : pending.remindAt();
    }
}
