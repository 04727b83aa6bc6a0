package org.samepath.matching.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of ranking the pool for one newcomer, with its provenance.
 *
 * @param poolSize mentors in the pool when ranked; equals {@code candidatesConsidered} plus every removed count
 * @param candidatesConsidered mentors that passed every hard filter and were scored
 * @param removedByFilter how many mentors each hard filter removed (only filters that removed someone)
 * @param candidates the best {@code shortlistSize} candidates, best first (ties broken by mentor id)
 * @param blockingReasons when there is no candidate, why, in plain words; empty otherwise
 */
public record Ranking(
        String engineVersion,
        String newcomerId,
        Instant rankedAt,
        int poolSize,
        int candidatesConsidered,
        Map<HardFilter, Integer> removedByFilter,
        List<Candidate> candidates,
        List<String> blockingReasons) {

    public Ranking {
        removedByFilter =
                removedByFilter.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(removedByFilter));
        candidates = List.copyOf(candidates);
        blockingReasons = List.copyOf(blockingReasons);
    }

    public int removedBy(HardFilter filter) {
        return removedByFilter.getOrDefault(filter, 0);
    }

    public Optional<Candidate> best() {
        return candidates.stream().findFirst();
    }
}
