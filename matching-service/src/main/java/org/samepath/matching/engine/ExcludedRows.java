package org.samepath.matching.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The pool rows a request excludes pair by pair (the newcomer themselves, blocked, ended, declined within the
 * cool-down, already tried, conflict of interest), each with the first of those filters that applies, sorted by
 * row so the scan can skip them instead of testing every mentor. Built inside the pool's read lock.
 */
final class ExcludedRows {

    final int[] rows;
    final HardFilter[] filters;

    private ExcludedRows(TreeMap<Integer, HardFilter> byRow) {
        rows = byRow.keySet().stream().mapToInt(Integer::intValue).toArray();
        filters = byRow.values().toArray(HardFilter[]::new);
    }

    static ExcludedRows of(
            MentorPool pool, Newcomer newcomer, Exclusions exclusions, MatchingSettings settings, Instant now) {
        String newcomerId = newcomer.id();
        TreeMap<Integer, HardFilter> byRow = new TreeMap<>();
        exclude(byRow, pool, List.of(newcomerId), HardFilter.NEWCOMER_THEMSELVES);
        exclude(byRow, pool, exclusions.blockedWith(newcomerId), HardFilter.BLOCKED);
        exclude(byRow, pool, exclusions.endedWith(newcomerId), HardFilter.PREVIOUSLY_ENDED);
        exclusions.declinesOf(newcomerId).forEach((mentorId, declinedAt) -> {
            if (withinCooldown(declinedAt, settings, now)) {
                exclude(byRow, pool, List.of(mentorId), HardFilter.DECLINED_IN_COOLDOWN);
            }
        });
        exclude(byRow, pool, exclusions.triedFor(newcomerId), HardFilter.ALREADY_TRIED);
        for (String entry : newcomer.attributes().conflicts()) {
            exclude(byRow, pool, pool.mentorsWithConflict(entry), HardFilter.CONFLICT_OF_INTEREST);
        }
        return new ExcludedRows(byRow);
    }

    static boolean withinCooldown(Instant declinedAt, MatchingSettings settings, Instant now) {
        return now.isBefore(declinedAt.plus(settings.declineCooldown()));
    }

    /** Earlier filters were applied first, so an existing entry is the first filter and stays. */
    private static void exclude(
            TreeMap<Integer, HardFilter> byRow, MentorPool pool, Collection<String> mentorIds, HardFilter filter) {
        for (String mentorId : mentorIds) {
            int row = pool.rowOf(mentorId);
            if (row >= 0) {
                byRow.putIfAbsent(row, filter);
            }
        }
    }
}
