package org.samepath.matching.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Samepath's matching engine: plain Java, no I/O. Ranks the mentor pool for one newcomer (hard filters, weighted
 * score, the best few explained), answers single-pair questions, and picks which waiting newcomer a freed mentor
 * serves first. Stateless apart from its settings, so one instance serves any number of threads.
 */
public final class MatchingEngine {

    /** Stored with every decision, so provenance tells which rules made it. */
    public static final String VERSION = "samepath-matching-engine/1.0";

    private final MatchingSettings settings;

    public MatchingEngine(MatchingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public MatchingSettings settings() {
        return settings;
    }

    /** The best {@link MatchingSettings#shortlistSize()} mentors for the newcomer, best first, with provenance. */
    public Ranking rank(Newcomer newcomer, MentorPool pool, Exclusions exclusions, Instant now) {
        return pool.read(() -> {
            MentorColumns columns = pool.columns();
            RequestPlan plan = new RequestPlan(newcomer, columns, settings, now);
            ExcludedRows excluded = ExcludedRows.of(pool, newcomer, exclusions, settings, now);
            PoolScan scan = PoolScan.run(columns, plan, excluded, settings.shortlistSize());
            long[] scores = new long[scan.shortlist.size()];
            int[] best = scan.shortlist.bestFirst(scores);
            List<Candidate> candidates = new ArrayList<>(best.length);
            for (int i = 0; i < best.length; i++) {
                candidates.add(Explanations.candidate(plan, columns.mentors[best[i]], best[i], scores[i]));
            }
            Map<HardFilter, Integer> removed = new EnumMap<>(HardFilter.class);
            for (HardFilter filter : HardFilter.values()) {
                if (scan.removedBy(filter) > 0) {
                    removed.put(filter, scan.removedBy(filter));
                }
            }
            List<String> blocking = scan.considered() > 0
                    ? List.of()
                    : BlockingReasons.explain(columns, plan, excluded, pool.rowOf(newcomer.id()));
            return new Ranking(
                    VERSION, newcomer.id(), now, columns.size, scan.considered(), removed, candidates, blocking);
        });
    }

    /** The first hard filter that forbids this pair, if any: for a coordinator's hand assignment, say. */
    public Optional<HardFilter> firstFailingFilter(
            Newcomer newcomer, Mentor mentor, Exclusions exclusions, Instant now) {
        return HardFilters.firstFailing(newcomer, mentor, exclusions, settings, now);
    }

    /**
     * Every hard filter that forbids this pair, in {@link HardFilter} order. A hand assignment needs them all: an
     * override may lift some ({@link HardFilter#liftableByOverride()}), and one it may lift can hide one it may not.
     */
    public Set<HardFilter> failingFilters(Newcomer newcomer, Mentor mentor, Exclusions exclusions, Instant now) {
        return HardFilters.allFailing(newcomer, mentor, exclusions, settings, now);
    }

    /**
     * Wait-time fairness: when the mentor has a free slot again, the longest-waiting newcomer for whom this mentor
     * passes every hard filter (ties by newcomer id). Scores play no part, so a newcomer with a rare background is
     * never kept waiting behind later arrivals who happen to score higher.
     */
    public Optional<Newcomer> nextNewcomerFor(
            String mentorId, Collection<Newcomer> waiting, MentorPool pool, Exclusions exclusions, Instant now) {
        return servableBy(List.of(mentorId), waiting, pool, exclusions, now).stream()
                .findFirst();
    }

    /**
     * The same fairness rule for several mentors whose slots freed together: the waiting newcomers, longest waiting
     * first (ties by id), whom at least one of these mentors could serve now by every hard filter.
     */
    public List<Newcomer> servableBy(
            Collection<String> mentorIds,
            Collection<Newcomer> waiting,
            MentorPool pool,
            Exclusions exclusions,
            Instant now) {
        List<Mentor> mentors =
                mentorIds.stream().flatMap(id -> pool.find(id).stream()).toList();
        if (mentors.isEmpty()) {
            return List.of();
        }
        return waiting.stream()
                .sorted(Comparator.comparing(Newcomer::waitingSince).thenComparing(Newcomer::id))
                .filter(newcomer -> mentors.stream()
                        .anyMatch(mentor -> firstFailingFilter(newcomer, mentor, exclusions, now)
                                .isEmpty()))
                .toList();
    }
}
