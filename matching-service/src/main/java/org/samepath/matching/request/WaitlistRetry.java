package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.MentorSearch.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the waitlist from the events that can unblock it: a mentor's slot freed, or a mentor who became available
 * or changed. Mentors are queued and, after {@link #COALESCE} (so a burst of freed slots costs one pass, not one per
 * slot), handled together: the waiting requests are read longest waiting first, a bounded page at a time from the
 * waitlisted-since index, and the engine's fairness rule ({@link MentorSearch#servableBy}) keeps those whose newcomer
 * one of these mentors could serve by every hard filter; those requests are then advanced in waiting order as any
 * search is (each may get an even better mentor) while any of these mentors still has a free slot. Searches still
 * owned by a live request (submitted, searching) are never touched; only waitlisted ones are.
 */
class WaitlistRetry {

    /** How long freed slots gather before one pass serves them all. */
    static final Duration COALESCE = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(WaitlistRetry.class);

    private final MatchRequestStore store;
    private final Matchmaker matchmaker;
    private final MentorSearch search;
    private final MatchingSettings settings;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Set<String> mentorsToTry = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    WaitlistRetry(
            MatchRequestStore store,
            Matchmaker matchmaker,
            MentorSearch search,
            MatchingSettings settings,
            ScheduledExecutorService executor,
            Clock clock) {
        this.store = store;
        this.matchmaker = matchmaker;
        this.search = search;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /** This mentor may be able to take a waiting newcomer now (a slot freed, they became available). */
    void mentorMayServe(String mentorId) {
        if (search.canTakeANewcomer(mentorId) && mentorsToTry.add(mentorId)) {
            passSoon();
        }
    }

    /** The newcomer changed (their preferences, say): their waitlisted request, if any, is searched again now. */
    void newcomerChanged(String newcomerId) {
        store.findAll(and(eq("newcomerId", newcomerId), eq("status", Status.WAITLISTED.name())))
                .forEach(matchmaker::advance);
    }

    private void passSoon() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::pass, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    private void pass() {
        scheduled.set(false);
        Set<String> mentors = new HashSet<>(mentorsToTry);
        mentorsToTry.removeAll(mentors);
        try {
            serveFromWaitlist(mentors);
        } catch (RuntimeException e) {
            log.warn(
                    "Waitlist retry for {} mentor(s) failed; the recheck will catch up: {}",
                    mentors.size(),
                    e.toString());
        }
    }

    /** @return how many waiting requests were read */
    int serveFromWaitlist(Set<String> mentorIds) {
        Instant from = Instant.EPOCH;
        Set<String> seenAtFrom = new HashSet<>();
        int read = 0;
        for (int page = 0; page < settings.waitlistPagesPerChange() && anyCanTakeANewcomer(mentorIds); page++) {
            List<MatchRequest> waiting = store.waitlistedFrom(from, seenAtFrom, settings.waitlistPageSize());
            read += waiting.size();
            serveFromPage(mentorIds, waiting);
            if (waiting.size() < settings.waitlistPageSize()) {
                break;
            }
            Instant last = waiting.get(waiting.size() - 1).waitingSince();
            if (!last.equals(from)) {
                seenAtFrom.clear();
                from = last;
            }
            waiting.stream().filter(r -> r.waitingSince().equals(last)).forEach(r -> seenAtFrom.add(r.id()));
        }
        return read;
    }

    private void serveFromPage(Set<String> mentorIds, List<MatchRequest> page) {
        List<String> servable = search.servableBy(
                mentorIds,
                page.stream()
                        .map(r -> new Waiting(r.id(), r.newcomerId(), r.waitingSince(), r.triedMentorIds()))
                        .toList(),
                clock.instant());
        List<MatchRequest> inOrder = new ArrayList<>();
        for (String requestId : servable) {
            page.stream().filter(r -> r.id().equals(requestId)).findFirst().ifPresent(inOrder::add);
        }
        for (MatchRequest request : inOrder) {
            if (!anyCanTakeANewcomer(mentorIds)) {
                return;
            }
            matchmaker.advance(request);
        }
    }

    private boolean anyCanTakeANewcomer(Set<String> mentorIds) {
        return mentorIds.stream().anyMatch(search::canTakeANewcomer);
    }
}
