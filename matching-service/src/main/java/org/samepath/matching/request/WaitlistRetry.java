package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.MentorSearch.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the waitlist from the event that can unblock it: a mentor's slot freed, or a mentor who became available
 * or changed. Only that mentor's chance to serve someone is considered: the waiting requests are read longest waiting
 * first, a bounded page at a time from the waitlisted-since index, and the engine's fairness rule
 * ({@link MentorSearch#nextRequestFor}) picks the first newcomer this mentor could serve by every hard filter; that
 * request is then advanced as any search is (it may get an even better mentor). It stops when the mentor has no free
 * slot left or the pages allowed for one change are read. Searches still owned by a live request (submitted,
 * searching) are never touched; only waitlisted ones are. Mentors are queued and handled one at a time on one thread,
 * so a burst of freed slots costs one pass per mentor.
 */
class WaitlistRetry {

    private static final Logger log = LoggerFactory.getLogger(WaitlistRetry.class);

    private final MatchRequestStore store;
    private final Matchmaker matchmaker;
    private final MentorSearch search;
    private final MatchingSettings settings;
    private final ExecutorService executor;
    private final Clock clock;
    private final Set<String> mentorsToTry = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();

    WaitlistRetry(
            MatchRequestStore store,
            Matchmaker matchmaker,
            MentorSearch search,
            MatchingSettings settings,
            ExecutorService executor,
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
            drainSoon();
        }
    }

    /** The newcomer changed (their preferences, say): their waitlisted request, if any, is searched again now. */
    void newcomerChanged(String newcomerId) {
        store.findAll(and(eq("newcomerId", newcomerId), eq("status", Status.WAITLISTED.name())))
                .forEach(matchmaker::advance);
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                draining.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (!mentorsToTry.isEmpty()) {
                Iterator<String> next = mentorsToTry.iterator();
                String mentorId = next.next();
                next.remove();
                try {
                    serveFromWaitlist(mentorId);
                } catch (RuntimeException e) {
                    log.warn(
                            "Waitlist retry for mentor {} failed; the recheck will catch up: {}",
                            mentorId,
                            e.toString());
                }
            }
        } finally {
            draining.set(false);
        }
        if (!mentorsToTry.isEmpty()) {
            drainSoon(); // queued between the loop's last check and the flag's reset
        }
    }

    /** @return how many waiting requests were read */
    int serveFromWaitlist(String mentorId) {
        Instant from = Instant.EPOCH;
        Set<String> seenAtFrom = new HashSet<>();
        int read = 0;
        for (int page = 0; page < settings.waitlistPagesPerChange() && search.canTakeANewcomer(mentorId); page++) {
            List<MatchRequest> waiting = store.waitlistedFrom(from, seenAtFrom, settings.waitlistPageSize());
            read += waiting.size();
            serveFromPage(mentorId, new ArrayList<>(waiting));
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

    private void serveFromPage(String mentorId, List<MatchRequest> waiting) {
        while (!waiting.isEmpty()) {
            Instant now = clock.instant();
            Optional<String> chosen = search.nextRequestFor(
                    mentorId,
                    waiting.stream()
                            .map(r -> new Waiting(r.id(), r.newcomerId(), r.waitingSince(), r.triedMentorIds()))
                            .toList(),
                    now);
            if (chosen.isEmpty()) {
                return;
            }
            MatchRequest request = waiting.stream()
                    .filter(r -> r.id().equals(chosen.get()))
                    .findFirst()
                    .orElseThrow();
            waiting.remove(request);
            matchmaker.advance(request);
        }
    }
}
