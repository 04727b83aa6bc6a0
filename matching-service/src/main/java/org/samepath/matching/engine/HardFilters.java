package org.samepath.matching.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;

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
        String newcomerId = newcomer.id();
        String mentorId = mentor.id();
        if (newcomerId.equals(mentorId)) {
            return Optional.of(HardFilter.NEWCOMER_THEMSELVES);
        }
        if (exclusions.blocked(newcomerId, mentorId)) {
            return Optional.of(HardFilter.BLOCKED);
        }
        if (exclusions.ended(newcomerId, mentorId)) {
            return Optional.of(HardFilter.PREVIOUSLY_ENDED);
        }
        Optional<Instant> declinedAt = exclusions.lastDecline(newcomerId, mentorId);
        if (declinedAt.isPresent() && ExcludedRows.withinCooldown(declinedAt.get(), settings, now)) {
            return Optional.of(HardFilter.DECLINED_IN_COOLDOWN);
        }
        if (exclusions.triedForCurrentRequest(newcomerId, mentorId)) {
            return Optional.of(HardFilter.ALREADY_TRIED);
        }
        if (!Collections.disjoint(
                newcomer.attributes().conflicts(), mentor.attributes().conflicts())) {
            return Optional.of(HardFilter.CONFLICT_OF_INTEREST);
        }
        if (mentor.status() != MentorStatus.APPROVED) {
            return Optional.of(HardFilter.NOT_APPROVED);
        }
        if (!mentor.hasFreeSlot()) {
            return Optional.of(HardFilter.NO_FREE_SLOT);
        }
        LocalDate latestStart = LocalDate.ofInstant(now, ZoneOffset.UTC).minus(settings.minimumTimeInRecovery());
        if (mentor.recoverySince() == null || mentor.recoverySince().isAfter(latestStart)) {
            return Optional.of(HardFilter.TOO_LITTLE_TIME_IN_RECOVERY);
        }
        return newcomer.preferences(Strength.MUST).stream()
                .sorted(Comparator.comparing(Preference::criterion))
                .filter(must -> !satisfies(must, newcomer.attributes(), mentor.attributes()))
                .findFirst()
                .map(must -> HardFilter.mustFor(must.criterion()));
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
