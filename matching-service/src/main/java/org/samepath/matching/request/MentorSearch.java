package org.samepath.matching.request;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** The matching engine as the request lifecycle sees it: who fits this newcomer best, and why. */
public interface MentorSearch {

    /** Ranked candidates for a newcomer, leaving out mentors already tried for this request. */
    Search search(String newcomerId, Collection<String> alreadyTried, Instant now);

    /** As {@link #search(String, Collection, Instant)}, for a newcomer whose read-model document the caller holds. */
    Search search(Document newcomer, Collection<String> alreadyTried, Instant now);

    /**
     * Wait-time fairness for freed slots: of these waiting requests, those (longest waiting first) whose newcomer at
     * least one of these mentors could serve now, by every hard filter including a free slot.
     */
    List<String> servableBy(Collection<String> mentorIds, List<Waiting> waiting, Instant now);

    /** A waiting request as the fairness rule sees it. */
    record Waiting(String requestId, String newcomerId, Instant waitingSince, Collection<String> alreadyTried) {}

    /** Whether the pool has this mentor approved with a free slot (a cheap check before reading any waitlist). */
    boolean canTakeANewcomer(String mentorId);

    /**
     * One mentor judged for a newcomer by every hard filter: the violations in plain words (none = compatible), and
     * among them those no coordinator's override may lift.
     */
    Assessment assess(String newcomerId, String mentorId, Instant now);

    record Search(
            List<Candidate> candidates,
            Map<String, Integer> removedByFilter,
            List<String> blockingReasons,
            String engineVersion) {}

    record Candidate(
            String mentorId,
            int score,
            Map<String, Integer> breakdown,
            List<String> reasons,
            List<String> relaxedPreferences) {}

    /**
     * @param violations every hard filter the pair fails, in plain words
     * @param unliftable the violations an override never lifts (a report's block, a mentor not approved, no free
     *     slot, ...); a subset of {@code violations}
     */
    record Assessment(
            Optional<Candidate> candidate, List<String> violations, List<String> unliftable, String engineVersion) {

        /** Whether a coordinator's override with a reason makes this pair assignable. */
        public boolean overrideCanLiftAll() {
            return unliftable.isEmpty();
        }
    }
}
