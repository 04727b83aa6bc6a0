package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.slots.MentorSlots;

/**
 * When the mentor pool changes, requests follow: a mentor who pauses or is suspended loses their pending proposals
 * and those newcomers are matched again; when a slot frees or a mentor becomes available, waitlisted requests are
 * retried longest-waiting first, so rare backgrounds are not left behind common ones.
 */
public class PoolChanges {

    static final Duration FULL_RETRY_INTERVAL = Duration.ofMinutes(1);

    private final MatchRequestStore store;
    private final Matchmaker matchmaker;
    private final MentorSlots slots;
    private final MatchingSettings settings;
    private final ExecutorService executor;
    private final Clock clock;
    private final AtomicBoolean retryQueued = new AtomicBoolean();
    private final AtomicBoolean poolChanged = new AtomicBoolean(true);
    private volatile Instant lastFullRetry = Instant.EPOCH;

    PoolChanges(
            MatchRequestStore store,
            Matchmaker matchmaker,
            MentorSlots slots,
            MatchingSettings settings,
            ExecutorService executor,
            Clock clock) {
        this.store = store;
        this.matchmaker = matchmaker;
        this.slots = slots;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /** Withdraws every pending proposal to this mentor and searches again for those newcomers. */
    public void mentorUnavailable(String mentorId, String reasonCode) {
        for (MatchRequest request :
                store.findAll(and(eq("status", Status.PROPOSED.name()), eq("proposals.mentorId", mentorId)))) {
            if (request.pendingProposal()
                    .filter(p -> p.mentorId().equals(mentorId))
                    .isEmpty()) {
                continue;
            }
            Instant now = clock.instant();
            Transition withdrawn = Transition.closePending(request, ProposalStatus.WITHDRAWN, reasonCode, now);
            if (store.update(request, withdrawn.after().withStatus(Status.SEARCHING), withdrawn.with())) {
                withdrawn.releaseSlot(slots);
                matchmaker.advance(request.id());
            }
        }
    }

    /** Something that can unblock a waiting request happened on this instance (a slot freed, a mentor changed). */
    public void poolChanged() {
        poolChanged.set(true);
    }

    /** Coalesces bursts of pool changes into one retry in the background. */
    public void retryWaitlistSoon() {
        poolChanged();
        if (retryQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                retryQueued.set(false);
                retryWaiting();
            });
        }
    }

    /**
     * Advances waiting requests, longest-waiting first, when the pool changed since the last retry (and at least every
     * {@link #FULL_RETRY_INTERVAL}, for changes only other instances saw); also any search a crash left unfinished.
     * Re-ranking every waiting request on every tick would cost seconds of CPU with thousands waiting.
     */
    public void retryWaiting() {
        Instant now = clock.instant();
        boolean retryWaitlisted =
                poolChanged.getAndSet(false) || lastFullRetry.isBefore(now.minus(FULL_RETRY_INTERVAL));
        if (retryWaitlisted) {
            lastFullRetry = now;
        }
        Instant staleBefore = now.minus(settings.searchGrace());
        store
                .findAll(in(
                        "status", List.of(Status.WAITLISTED.name(), Status.SEARCHING.name(), Status.SUBMITTED.name())))
                .stream()
                .filter(r -> r.status() == Status.WAITLISTED
                        ? retryWaitlisted
                        : r.createdAt().isBefore(staleBefore))
                .sorted(Comparator.comparing(MatchRequest::waitingSince).thenComparing(MatchRequest::id))
                .forEach(request -> matchmaker.advance(request.id()));
    }
}
