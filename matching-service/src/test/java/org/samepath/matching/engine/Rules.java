package org.samepath.matching.engine;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;

/**
 * The spec's rules restated independently of the engine's code, as the oracle of the property tests: what a
 * preference asks of a mentor, and which pairs may never be proposed.
 */
final class Rules {

    /** Words that name a consent-bearing value in a reason, by value; "other" faith is never named. */
    static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("substance:alcohol", "alcohol"),
            Map.entry("substance:opioids", "opioid"),
            Map.entry("substance:stimulants", "stimulant"),
            Map.entry("substance:cannabis", "cannabis"),
            Map.entry("substance:benzodiazepines", "benzodiazepine"),
            Map.entry("substance:gambling", "gambling"),
            Map.entry("mental-health:depression", "depression"),
            Map.entry("mental-health:anxiety", "anxiety"),
            Map.entry("mental-health:bipolar", "bipolar"),
            Map.entry("mental-health:ptsd", "ptsd"),
            Map.entry("mental-health:eating-disorder", "eating disorder"),
            Map.entry("mental-health:psychosis", "psychosis"),
            Map.entry("trauma:domestic-violence", "domestic violence"),
            Map.entry("trauma:combat", "combat"),
            Map.entry("trauma:childhood", "childhood"),
            Map.entry("trauma:sexual-assault", "sexual assault"),
            Map.entry("trauma:grief", "grief"),
            Map.entry("veteran", "veteran"),
            Map.entry("lgbtq", "lgbtq"),
            Map.entry("parent", "parent"),
            Map.entry("justice-involved", "justice"),
            Map.entry("indigenous", "indigenous"),
            Map.entry("immigrant", "immigrant"),
            Map.entry("disability", "disability"),
            Map.entry("faith:secular", "both secular"),
            Map.entry("faith:christian", "christian"),
            Map.entry("faith:muslim", "muslim"),
            Map.entry("faith:jewish", "jewish"),
            Map.entry("faith:buddhist", "buddhist"),
            Map.entry("faith:hindu", "hindu"),
            Map.entry("faith:spiritual", "spiritual"));

    private Rules() {}

    static boolean meets(Preference preference, PersonAttributes newcomer, PersonAttributes mentor) {
        String value = preference.value();
        return switch (preference.criterion()) {
            case LANGUAGE -> mentor.languages().contains(value);
            case GENDER -> value.equals(mentor.genderIdentity());
            case AGE_BAND -> value.equals(mentor.ageBand());
            case SHARED_EXPERIENCE -> value != null
                    ? mentor.livedExperience().containsKey(value)
                    : newcomer.livedExperience().keySet().stream().anyMatch(mentor.livedExperience()::containsKey);
            case PATHWAY -> mentor.recoveryPathways().contains(value);
            case IDENTITY -> mentor.identities().containsKey(value);
            case FAITH -> mentor.faith() != null && mentor.faith().value().equals(value);
            case AVAILABILITY -> mentor.availability().contains(value);
            case MENTOR_LOAD -> throw new IllegalArgumentException();
        };
    }

    static boolean pairForbidden(Scenario scenario, Mentor mentor) {
        String newcomer = scenario.newcomer().id();
        Exclusions exclusions = scenario.exclusions();
        boolean cooling = exclusions
                .lastDecline(newcomer, mentor.id())
                .map(at -> at.plus(scenario.settings().declineCooldown()).isAfter(scenario.now()))
                .orElse(false);
        return newcomer.equals(mentor.id())
                || exclusions.blocked(newcomer, mentor.id())
                || exclusions.ended(newcomer, mentor.id())
                || exclusions.triedForCurrentRequest(newcomer, mentor.id())
                || cooling
                || !Collections.disjoint(
                        scenario.newcomer().attributes().conflicts(),
                        mentor.attributes().conflicts());
    }

    static boolean mentorReady(Mentor mentor, Scenario scenario) {
        LocalDate today = LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC);
        return mentor.status() == MentorStatus.APPROVED
                && mentor.slotsInUse() < mentor.capacity()
                && mentor.recoverySince() != null
                && !mentor.recoverySince()
                        .plus(scenario.settings().minimumTimeInRecovery())
                        .isAfter(today);
    }

    /** Whether the person holds the value (a lived-experience or identity tag, or "faith:x") shareably. */
    static boolean holdsShareably(PersonAttributes person, String value) {
        if (value.startsWith("faith:")) {
            return person.faith() != null
                    && person.faith().value().equals(value.substring(6))
                    && person.faith().consent() == Consent.MATCH_AND_SHARE;
        }
        return person.livedExperience().get(value) == Consent.MATCH_AND_SHARE
                || person.identities().get(value) == Consent.MATCH_AND_SHARE;
    }

    static boolean holdsMatchOnly(PersonAttributes person, String value) {
        if (value.startsWith("faith:")) {
            return person.faith() != null
                    && person.faith().value().equals(value.substring(6))
                    && person.faith().consent() == Consent.MATCH_ONLY;
        }
        return person.livedExperience().get(value) == Consent.MATCH_ONLY
                || person.identities().get(value) == Consent.MATCH_ONLY;
    }
}
