package org.samepath.matching.request;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The matching timer: each tick reads only the requests whose due time ({@link DueTimes}) has come, through the
 * due-time index, a bounded batch at a time, and moves each on: a proposal's reminder or expiry, a search a crash left
 * unfinished, a waitlist recheck. Every change is a version-guarded write, so two instances may tick side by side; a
 * visit that finds nothing to do moves the due time on, so nothing is due twice for nothing.
 */
class DueRequests {

    /** Bounds one tick: the rest waits for the next, seconds later. */
    static final int MAX_BATCHES_PER_TICK = 10;

    private final MatchRequestStore store;
    private final ProposalResponses responses;
    private final Matchmaker matchmaker;
    private final MatchingSettings settings;
    private final Clock clock;

    DueRequests(
            MatchRequestStore store,
            ProposalResponses responses,
            Matchmaker matchmaker,
            MatchingSettings settings,
            Clock clock) {
        this.store = store;
        this.responses = responses;
        this.matchmaker = matchmaker;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return how many due requests this tick read */
    int tick() {
        Instant now = clock.instant();
        int read = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
            List<MatchRequest> due = store.due(now, settings.timerBatchSize());
            due.forEach(request -> visit(request, now));
            read += due.size();
            if (due.size() < settings.timerBatchSize()) {
                break;
            }
        }
        return read;
    }

    private void visit(MatchRequest request, Instant now) {
        boolean moved =
                switch (request.status()) {
                    case PROPOSED -> responses.expireOrRemind(request, now);
                    case SUBMITTED, SEARCHING, WAITLISTED -> matchmaker.advance(request) != request;
                    case MATCHED, WITHDRAWN, CLOSED -> false;
                };
        if (!moved) {
            store.reschedule(request);
        }
    }
}
