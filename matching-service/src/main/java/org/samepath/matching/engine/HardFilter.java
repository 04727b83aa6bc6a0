package org.samepath.matching.engine;

/**
 * The rules that remove a mentor for a newcomer, whatever the score. A removed mentor is counted under the first
 * filter, in this declaration order, that removes them: pair exclusions first, then the mentor's own state, then
 * the newcomer's {@link Strength#MUST} preferences in criterion order.
 */
public enum HardFilter {
    NEWCOMER_THEMSELVES,
    BLOCKED,
    PREVIOUSLY_ENDED,
    DECLINED_IN_COOLDOWN,
    ALREADY_TRIED,
    CONFLICT_OF_INTEREST,
    NOT_APPROVED,
    NO_FREE_SLOT,
    TOO_LITTLE_TIME_IN_RECOVERY,
    MUST_LANGUAGE,
    MUST_GENDER,
    MUST_AGE_BAND,
    MUST_SHARED_EXPERIENCE,
    MUST_PATHWAY,
    MUST_IDENTITY,
    MUST_FAITH,
    MUST_AVAILABILITY;

    /** The filter that enforces a {@link Strength#MUST} preference on {@code criterion}. */
    public static HardFilter mustFor(Criterion criterion) {
        return switch (criterion) {
            case LANGUAGE -> MUST_LANGUAGE;
            case GENDER -> MUST_GENDER;
            case AGE_BAND -> MUST_AGE_BAND;
            case SHARED_EXPERIENCE -> MUST_SHARED_EXPERIENCE;
            case PATHWAY -> MUST_PATHWAY;
            case IDENTITY -> MUST_IDENTITY;
            case FAITH -> MUST_FAITH;
            case AVAILABILITY -> MUST_AVAILABILITY;
            case MENTOR_LOAD -> throw new IllegalArgumentException("MENTOR_LOAD takes no preference");
        };
    }

    public boolean isPairExclusion() {
        return ordinal() <= CONFLICT_OF_INTEREST.ordinal();
    }

    /**
     * Whether a coordinator may lift this filter for a hand assignment, with a reason kept in the provenance. What
     * is the newcomer's or the program's to relax may be lifted: the newcomer's {@code MUST} preferences, the decline
     * cool-down, a mentor already tried, the minimum time in recovery, a declared conflict of interest. What protects
     * a person never is: a report's block, a pair whose match ended, a mentor who is not approved (pending, paused,
     * suspended), a full mentor, and of course the newcomer themselves.
     */
    public boolean liftableByOverride() {
        return switch (this) {
            case NEWCOMER_THEMSELVES, BLOCKED, PREVIOUSLY_ENDED, NOT_APPROVED, NO_FREE_SLOT -> false;
            case DECLINED_IN_COOLDOWN, ALREADY_TRIED, CONFLICT_OF_INTEREST, TOO_LITTLE_TIME_IN_RECOVERY -> true;
            case MUST_LANGUAGE,
                    MUST_GENDER,
                    MUST_AGE_BAND,
                    MUST_SHARED_EXPERIENCE,
                    MUST_PATHWAY,
                    MUST_IDENTITY,
                    MUST_FAITH,
                    MUST_AVAILABILITY -> true;
        };
    }
}
