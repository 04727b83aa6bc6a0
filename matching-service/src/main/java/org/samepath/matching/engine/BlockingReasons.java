package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Why nobody is left, in plain words: the approved mentors are narrowed step by step (each {@code MUST}
 * preference alone, then all together, then a free slot, then time in recovery, then the pair exclusions) and the
 * first step that leaves nobody is named. Runs only for an empty ranking, so it may take a few passes. A sensitive
 * preference value (lived experience, identity, faith) is named only when the newcomer does not hold it as
 * {@link Consent#MATCH_ONLY}.
 */
final class BlockingReasons {

    private BlockingReasons() {}

    static List<String> explain(MentorColumns columns, RequestPlan plan, ExcludedRows excluded, int newcomerRow) {
        boolean[] left = new boolean[columns.size];
        int count = narrow(left, columns.size, row -> row != newcomerRow && Bitsets.get(columns.approved, row), true);
        if (count == 0) {
            return List.of("no mentor is approved and active yet");
        }
        List<String> requirements = new ArrayList<>();
        List<String> unmetByAll = new ArrayList<>();
        for (int m = 0; m < plan.musts.size(); m++) {
            BitQuery must = plan.mustQueries[m];
            String clause = Phrases.mentorMeets(plan.musts.get(m), nameable(plan.musts.get(m), plan.newcomer));
            requirements.add(clause);
            boolean anyone = false;
            for (int row = 0; row < columns.size && !anyone; row++) {
                anyone = left[row] && must.overlap(row) > 0;
            }
            if (!anyone) {
                unmetByAll.add("no approved mentor " + clause);
            }
        }
        if (!unmetByAll.isEmpty()) {
            return unmetByAll;
        }
        if (narrow(left, columns.size, row -> allMusts(plan, row), false) == 0) {
            return List.of("no approved mentor " + Phrases.joinAnd(requirements));
        }
        if (narrow(left, columns.size, row -> Bitsets.get(columns.available, row), false) == 0) {
            return List.of("no approved mentor" + who(requirements) + " has a free slot");
        }
        requirements.add("has a free slot");
        String minimum = "has been in recovery for at least " + Phrases.period(plan.settings.minimumTimeInRecovery());
        if (narrow(left, columns.size, row -> columns.recoveryDay[row] <= plan.cutoffDay, false) == 0) {
            return List.of("no approved mentor" + who(requirements) + " " + minimum);
        }
        requirements.add(minimum);
        int[] byFilter = new int[HardFilter.values().length];
        for (int k = 0; k < excluded.rows.length; k++) {
            if (left[excluded.rows[k]]) {
                byFilter[excluded.filters[k].ordinal()]++;
            }
        }
        List<String> parts = new ArrayList<>();
        for (HardFilter filter : HardFilter.values()) {
            if (byFilter[filter.ordinal()] > 0) {
                parts.add(byFilter[filter.ordinal()] + " " + exclusion(filter, plan));
            }
        }
        if (parts.isEmpty()) {
            return List.of("no approved mentor passes every hard filter");
        }
        return List.of("every approved mentor" + who(requirements) + " is ruled out for this newcomer: "
                + Phrases.joinAnd(parts));
    }

    private static boolean nameable(Preference must, Newcomer newcomer) {
        PersonAttributes own = newcomer.attributes();
        String value = must.value();
        return switch (must.criterion()) {
            case SHARED_EXPERIENCE -> value == null || own.livedExperience().get(value) != Consent.MATCH_ONLY;
            case IDENTITY -> own.identities().get(value) != Consent.MATCH_ONLY;
            case FAITH -> own.faith() == null
                    || !own.faith().value().equals(value)
                    || own.faith().shareable();
            default -> true;
        };
    }

    private static boolean allMusts(RequestPlan plan, int row) {
        for (BitQuery must : plan.mustQueries) {
            if (must.overlap(row) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Keeps (or, when {@code initial}, sets) the rows that pass; @return how many are left. */
    private static int narrow(boolean[] left, int size, IntPredicate passes, boolean initial) {
        int count = 0;
        for (int row = 0; row < size; row++) {
            left[row] = (initial || left[row]) && passes.test(row);
            count += left[row] ? 1 : 0;
        }
        return count;
    }

    private static String who(List<String> requirements) {
        return requirements.isEmpty() ? "" : " who " + Phrases.joinAnd(requirements);
    }

    private static String exclusion(HardFilter filter, RequestPlan plan) {
        return switch (filter) {
            case BLOCKED -> "blocked after a report";
            case PREVIOUSLY_ENDED -> "had a match with this newcomer that ended";
            case DECLINED_IN_COOLDOWN -> "declined within the last "
                    + Phrases.duration(plan.settings.declineCooldown());
            case ALREADY_TRIED -> "already proposed for this request";
            case CONFLICT_OF_INTEREST -> "with a declared conflict of interest";
            default -> "removed by " + filter;
        };
    }
}
