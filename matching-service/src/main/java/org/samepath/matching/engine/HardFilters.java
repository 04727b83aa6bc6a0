package org.samepath.matching.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The hard filters for one pair, read straight off the records: the plain statement of the rules that the pool's
 * bitmask scan implements fast. Serves single-pair questions (fairness, hand assignment) and, in tests, as the
 * reference the scan must agree with.
 */
final class HardFilters {

    private HardFilters() {}

    /** @return the first filter (in {@link HardFilter} order) that forbids proposing the mentor, if any */
    static Optional<HardFilter> firstFailing(
            Newcomer newcomer, Mentor mentor, Exclusions exclusions, MatchingSettings settings, Instant now) {
        return allFailing(newcomer, mentor, exclusions, settings, now).stream().findFirst();
    }

    /**
     * @return every filter that forbids proposing the mentor, in {@link HardFilter} order: a hand assignment must know
     *     all of them, since one an override may lift can hide one it may not
     */
    static Set<HardFilter> allFailing(
            Newcomer newcomer, Mentor mentor, Exclusions exclusions, MatchingSettings settings, Instant now) {
        String newcomerId = newcomer.id();
        String mentorId = mentor.id();
        Set<HardFilter> failing = EnumSet.noneOf(HardFilter.class);
        if (newcomerId.equals(mentorId)) {
            failing.add(HardFilter.NEWCOMER_THEMSELVES);
        }
        if (exclusions.blocked(newcomerId, mentorId)) {
            failing.add(HardFilter.BLOCKED);
        }
        if (exclusions.ended(newcomerId, mentorId)) {
            failing.add(HardFilter.PREVIOUSLY_ENDED);
        }
        Optional<Instant> declinedAt = exclusions.lastDecline(newcomerId, mentorId);
        if (declinedAt.isPresent() && ExcludedRows.withinCooldown(declinedAt.get(), settings, now)) {
            failing.add(HardFilter.DECLINED_IN_COOLDOWN);
        }
        if (exclusions.triedForCurrentRequest(newcomerId, mentorId)) {
            failing.add(HardFilter.ALREADY_TRIED);
        }
        if (!Collections.disjoint(
                newcomer.attributes().conflicts(), mentor.attributes().conflicts())) {
            failing.add(HardFilter.CONFLICT_OF_INTEREST);
        }
        if (mentor.status() != MentorStatus.APPROVED) {
            failing.add(HardFilter.NOT_APPROVED);
        }
        if (!mentor.hasFreeSlot()) {
            failing.add(HardFilter.NO_FREE_SLOT);
        }
        LocalDate latestStart = LocalDate.ofInstant(now, ZoneOffset.UTC).minus(settings.minimumTimeInRecovery());
        if (mentor.recoverySince() == null || mentor.recoverySince().isAfter(latestStart)) {
            failing.add(HardFilter.TOO_LITTLE_TIME_IN_RECOVERY);
        }
        for (Preference must : newcomer.preferences(Strength.MUST)) {
            if (!satisfies(must, newcomer.attributes(), mentor.attributes())) {
                failing.add(HardFilter.mustFor(must.criterion()));
            }
        }
        return failing;
    }

    /** Whether the mentor has what the preference asks for, whatever its strength. */
    static boolean satisfies(Preference preference, PersonAttributes newcomer, PersonAttributes mentor) {
        String value = preference.value();
        return switch (preference.criterion()) {
            case LANGUAGE -> mentor.languages().contains(value);
            case GENDER -> value.equals(mentor.genderIdentity());
            case AGE_BAND -> value.equals(mentor.ageBand());
            case PATHWAY -> mentor.recoveryPathways().contains(value);
            case IDENTITY -> mentor.identities().containsKey(value);
            case FAITH -> mentor.faith() != null && value.equals(mentor.faith().value());
            case AVAILABILITY -> mentor.availability().contains(value);
            case SHARED_EXPERIENCE -> value == null
                    ? !Collections.disjoint(
                            newcomer.livedExperience().keySet(),
                            mentor.livedExperience().keySet())
                    : mentor.livedExperience().containsKey(value);
            case MENTOR_LOAD -> throw new IllegalArgumentException("MENTOR_LOAD takes no preference");
        };
    }
}
