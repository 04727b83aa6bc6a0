package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samepath.matching.engine.Consent.MATCH_AND_SHARE;
import static org.samepath.matching.engine.Consent.MATCH_ONLY;
import static org.samepath.matching.engine.Fixtures.NOW;
import static org.samepath.matching.engine.Fixtures.TODAY;
import static org.samepath.matching.engine.Fixtures.ids;
import static org.samepath.matching.engine.Fixtures.mentor;
import static org.samepath.matching.engine.Fixtures.newcomer;
import static org.samepath.matching.engine.Fixtures.rank;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardFilterTests {

    @Test
    void proposesOnlyApprovedMentors() {
        Ranking ranking = rank(
                newcomer(),
                mentor("approved"),
                mentor("paused").withStatus(MentorStatus.PAUSED),
                mentor("suspended").withStatus(MentorStatus.SUSPENDED),
                mentor("pending").withStatus(MentorStatus.PENDING_APPROVAL));

        assertThat(ids(ranking)).containsExactly("approved");
        assertThat(ranking.removedBy(HardFilter.NOT_APPROVED)).isEqualTo(3);
    }

    @Test
    void neverProposesAMentorWithoutAFreeSlot() {
        Ranking ranking = rank(
                newcomer(),
                mentor("one-free").withSlotsInUse(2),
                mentor("full").withSlotsInUse(3),
                mentor("over-full").withSlotsInUse(4));

        assertThat(ids(ranking)).containsExactly("one-free");
        assertThat(ranking.removedBy(HardFilter.NO_FREE_SLOT)).isEqualTo(2);
    }

    @Test
    void requiresTheMinimumTimeInRecoveryUpToTheDay() {
        Mentor exactlyAYear = withRecoverySince(mentor("exactly-a-year"), TODAY.minusYears(1));
        Mentor aDayShort =
                withRecoverySince(mentor("a-day-short"), TODAY.minusYears(1).plusDays(1));
        Mentor unknown = withRecoverySince(mentor("unknown"), null);

        Ranking ranking = rank(newcomer(), exactlyAYear, aDayShort, unknown);

        assertThat(ids(ranking)).containsExactly("exactly-a-year");
        assertThat(ranking.removedBy(HardFilter.TOO_LITTLE_TIME_IN_RECOVERY)).isEqualTo(2);
    }

    @Test
    void minimumTimeInRecoveryIsASetting() {
        MatchingEngine engine =
                new MatchingEngine(MatchingSettings.defaults().withMinimumTimeInRecovery(Period.ofMonths(6)));
        Mentor sevenMonths = withRecoverySince(mentor("seven-months"), TODAY.minusMonths(7));

        Ranking ranking = engine.rank(newcomer(), MentorPool.of(List.of(sevenMonths)), Exclusions.none(), NOW);

        assertThat(ids(ranking)).containsExactly("seven-months");
    }

    @Test
    void mustLanguageRequiresTheMentorToSpeakIt() {
        Ranking ranking = rank(
                newcomer(p -> p.languages("en", "es"), Preference.must(Criterion.LANGUAGE, "es")),
                mentor("spanish", p -> p.languages("es")),
                mentor("english", p -> p.languages("en")));

        assertThat(ids(ranking)).containsExactly("spanish");
        assertThat(ranking.removedBy(HardFilter.MUST_LANGUAGE)).isEqualTo(1);
    }

    @Test
    void mustGenderAgeBandAndFaithRequireTheSameValue() {
        Newcomer newcomer = newcomer(
                Preference.must(Criterion.GENDER, "woman"),
                Preference.must(Criterion.AGE_BAND, "25-34"),
                Preference.must(Criterion.FAITH, "muslim"));
        Mentor all =
                mentor("all", p -> p.genderIdentity("woman").ageBand("25-34").faith("muslim", MATCH_ONLY));

        Ranking ranking = rank(
                newcomer,
                all,
                mentor("man", p -> p.genderIdentity("man").ageBand("25-34").faith("muslim", MATCH_AND_SHARE)),
                mentor("older", p -> p.genderIdentity("woman").ageBand("35-44").faith("muslim", MATCH_AND_SHARE)),
                mentor(
                        "christian",
                        p -> p.genderIdentity("woman").ageBand("25-34").faith("christian", MATCH_AND_SHARE)),
                mentor("no-faith", p -> p.genderIdentity("woman").ageBand("25-34")));

        assertThat(ids(ranking)).containsExactly("all");
        assertThat(ranking.removedBy(HardFilter.MUST_GENDER)).isEqualTo(1);
        assertThat(ranking.removedBy(HardFilter.MUST_AGE_BAND)).isEqualTo(1);
        assertThat(ranking.removedBy(HardFilter.MUST_FAITH)).isEqualTo(2);
    }

    @Test
    void mustPathwayIdentityAndAvailabilityRequireTheMentorToHaveTheValue() {
        Newcomer newcomer = newcomer(
                Preference.must(Criterion.PATHWAY, "SMART_RECOVERY"),
                Preference.must(Criterion.IDENTITY, "veteran"),
                Preference.must(Criterion.AVAILABILITY, "SAT_MORNING"));

        Ranking ranking = rank(
                newcomer,
                mentor("all", p -> p.recoveryPathways("TWELVE_STEP", "SMART_RECOVERY")
                        .identity("veteran", MATCH_ONLY)
                        .availability("MON_EVENING", "SAT_MORNING")),
                mentor("twelve-step", p -> p.recoveryPathways("TWELVE_STEP")
                        .identity("veteran", MATCH_AND_SHARE)
                        .availability("SAT_MORNING")),
                mentor("not-veteran", p -> p.recoveryPathways("SMART_RECOVERY")
                        .identity("parent", MATCH_AND_SHARE)
                        .availability("SAT_MORNING")),
                mentor("weekdays", p -> p.recoveryPathways("SMART_RECOVERY")
                        .identity("veteran", MATCH_AND_SHARE)
                        .availability("MON_EVENING")));

        assertThat(ids(ranking)).containsExactly("all");
        assertThat(ranking.removedBy(HardFilter.MUST_PATHWAY)).isEqualTo(1);
        assertThat(ranking.removedBy(HardFilter.MUST_IDENTITY)).isEqualTo(1);
        assertThat(ranking.removedBy(HardFilter.MUST_AVAILABILITY)).isEqualTo(1);
    }

    @Test
    void mustSharedExperienceWithoutAValueRequiresOneLivedExperienceInCommon() {
        Newcomer newcomer = newcomer(
                p -> p.livedExperience("substance:alcohol", MATCH_ONLY)
                        .livedExperience("trauma:grief", MATCH_AND_SHARE),
                Preference.must(Criterion.SHARED_EXPERIENCE, null));

        Ranking ranking = rank(
                newcomer,
                mentor("grief", p -> p.livedExperience("trauma:grief", MATCH_ONLY)),
                mentor("alcohol", p -> p.livedExperience("substance:alcohol", MATCH_AND_SHARE)),
                mentor("opioids", p -> p.livedExperience("substance:opioids", MATCH_AND_SHARE)),
                mentor("nothing"));

        assertThat(ids(ranking)).containsExactlyInAnyOrder("grief", "alcohol");
        assertThat(ranking.removedBy(HardFilter.MUST_SHARED_EXPERIENCE)).isEqualTo(2);
    }

    @Test
    void mustSharedExperienceWithAValueRequiresThatExperience() {
        Newcomer newcomer = newcomer(Preference.must(Criterion.SHARED_EXPERIENCE, "substance:opioids"));

        Ranking ranking = rank(
                newcomer,
                mentor("opioids", p -> p.livedExperience("substance:opioids", MATCH_ONLY)),
                mentor("alcohol", p -> p.livedExperience("substance:alcohol", MATCH_AND_SHARE)));

        assertThat(ids(ranking)).containsExactly("opioids");
    }

    @Test
    void everyMustHasToHoldNotJustOne() {
        Newcomer newcomer =
                newcomer(Preference.must(Criterion.LANGUAGE, "es"), Preference.must(Criterion.LANGUAGE, "en"));

        Ranking ranking =
                rank(newcomer, mentor("both", p -> p.languages("en", "es")), mentor("spanish", p -> p.languages("es")));

        assertThat(ids(ranking)).containsExactly("both");
    }

    @Test
    void neverProposesABlockedPairInEitherDirection() {
        Exclusions newcomerReported =
                Exclusions.builder().blocked("newcomer", "a").build();
        Exclusions mentorReported =
                Exclusions.builder().blocked("b", "newcomer").build();

        assertThat(ids(rank(newcomer(), newcomerReported, mentor("a"), mentor("b"))))
                .containsExactly("b");
        Ranking ranking = rank(newcomer(), mentorReported, mentor("a"), mentor("b"));
        assertThat(ids(ranking)).containsExactly("a");
        assertThat(ranking.removedBy(HardFilter.BLOCKED)).isEqualTo(1);
    }

    @Test
    void neverProposesAPairWhoseMatchEnded() {
        Exclusions ended = Exclusions.builder().ended("newcomer", "a").build();

        Ranking ranking = rank(newcomer(), ended, mentor("a"), mentor("b"));

        assertThat(ids(ranking)).containsExactly("b");
        assertThat(ranking.removedBy(HardFilter.PREVIOUSLY_ENDED)).isEqualTo(1);
    }

    @Test
    void aDeclineExcludesThePairOnlyWithinTheCooldown() {
        Exclusions declines = Exclusions.builder()
                .declined("newcomer", "recent", NOW.minus(Duration.ofDays(29)))
                .declined("newcomer", "long-ago", NOW.minus(Duration.ofDays(30)))
                .build();

        Ranking ranking = rank(newcomer(), declines, mentor("recent"), mentor("long-ago"));

        assertThat(ids(ranking)).containsExactly("long-ago");
        assertThat(ranking.removedBy(HardFilter.DECLINED_IN_COOLDOWN)).isEqualTo(1);
    }

    @Test
    void theLatestDeclineOfAPairCounts() {
        Exclusions declines = Exclusions.builder()
                .declined("newcomer", "a", NOW.minus(Duration.ofDays(100)))
                .declined("newcomer", "a", NOW.minus(Duration.ofDays(1)))
                .build();

        assertThat(ids(rank(newcomer(), declines, mentor("a")))).isEmpty();
    }

    @Test
    void neverProposesAMentorAlreadyTriedForThisRequest() {
        Exclusions tried = Exclusions.builder()
                .tried("newcomer", "a")
                .tried("someone-else", "b")
                .build();

        Ranking ranking = rank(newcomer(), tried, mentor("a"), mentor("b"));

        assertThat(ids(ranking)).containsExactly("b");
        assertThat(ranking.removedBy(HardFilter.ALREADY_TRIED)).isEqualTo(1);
    }

    @Test
    void neverProposesAPairSharingAConflictOfInterest() {
        Newcomer newcomer = newcomer(p -> p.conflicts("residence:oak-house", "program:north-clinic"));

        Ranking ranking = rank(
                newcomer,
                mentor("same-house", p -> p.conflicts("residence:oak-house")),
                mentor("same-clinic", p -> p.conflicts("workplace:cafe", "program:north-clinic")),
                mentor("elsewhere", p -> p.conflicts("residence:elm-house")));

        assertThat(ids(ranking)).containsExactly("elsewhere");
        assertThat(ranking.removedBy(HardFilter.CONFLICT_OF_INTEREST)).isEqualTo(2);
    }

    @Test
    void neverProposesTheNewcomerToThemselves() {
        Ranking ranking = rank(newcomer(), mentor("newcomer"), mentor("other"));

        assertThat(ids(ranking)).containsExactly("other");
        assertThat(ranking.removedBy(HardFilter.NEWCOMER_THEMSELVES)).isEqualTo(1);
    }

    @Test
    void countsEachRemovedMentorUnderTheFirstFilterSoCountsAddUpToThePool() {
        Newcomer newcomer = newcomer(Preference.must(Criterion.LANGUAGE, "es"));
        Exclusions exclusions =
                Exclusions.builder().blocked("newcomer", "blocked-and-paused").build();

        Ranking ranking = rank(
                newcomer,
                exclusions,
                mentor("blocked-and-paused").withStatus(MentorStatus.PAUSED),
                mentor("paused-and-full").withStatus(MentorStatus.PAUSED).withSlotsInUse(3),
                mentor("full-no-spanish").withSlotsInUse(3),
                mentor("no-spanish"),
                mentor("spanish", p -> p.languages("es")));

        assertThat(ranking.removedByFilter())
                .containsOnly(
                        entry(HardFilter.BLOCKED),
                        entry(HardFilter.NOT_APPROVED),
                        entry(HardFilter.NO_FREE_SLOT),
                        entry(HardFilter.MUST_LANGUAGE));
        assertThat(ranking.candidatesConsidered()).isEqualTo(1);
        assertThat(ranking.poolSize()).isEqualTo(5);
    }

    @Test
    void firstFailingFilterAnswersForOnePair() {
        Mentor paused = mentor("paused").withStatus(MentorStatus.PAUSED);

        assertThat(Fixtures.ENGINE.firstFailingFilter(newcomer(), paused, Exclusions.none(), NOW))
                .contains(HardFilter.NOT_APPROVED);
        assertThat(Fixtures.ENGINE.firstFailingFilter(newcomer(), mentor("fine"), Exclusions.none(), NOW))
                .isEmpty();
    }

    @Test
    void failingFiltersNameEveryFilterSoOneAnOverrideMayLiftCannotHideOneItMayNot() {
        Newcomer newcomer = newcomer(Preference.must(Criterion.LANGUAGE, "es"));
        Mentor reportedAndPaused = mentor("reported").withStatus(MentorStatus.PAUSED);
        Exclusions reportedAfterATry = Exclusions.builder()
                .blocked(newcomer.id(), "reported")
                .tried(newcomer.id(), "reported")
                .build();

        assertThat(Fixtures.ENGINE.failingFilters(newcomer, reportedAndPaused, reportedAfterATry, NOW))
                .containsExactly(
                        HardFilter.BLOCKED,
                        HardFilter.ALREADY_TRIED,
                        HardFilter.NOT_APPROVED,
                        HardFilter.MUST_LANGUAGE);
        assertThat(Fixtures.ENGINE.failingFilters(
                        newcomer, mentor("fine", p -> p.languages("es")), Exclusions.none(), NOW))
                .isEmpty();
    }

    @Test
    void anOverrideLiftsOnlyWhatIsTheNewcomersOrTheProgramsToRelax() {
        assertThat(Arrays.stream(HardFilter.values()).filter(HardFilter::liftableByOverride))
                .containsExactlyInAnyOrder(
                        HardFilter.DECLINED_IN_COOLDOWN,
                        HardFilter.ALREADY_TRIED,
                        HardFilter.CONFLICT_OF_INTEREST,
                        HardFilter.TOO_LITTLE_TIME_IN_RECOVERY,
                        HardFilter.MUST_LANGUAGE,
                        HardFilter.MUST_GENDER,
                        HardFilter.MUST_AGE_BAND,
                        HardFilter.MUST_SHARED_EXPERIENCE,
                        HardFilter.MUST_PATHWAY,
                        HardFilter.MUST_IDENTITY,
                        HardFilter.MUST_FAITH,
                        HardFilter.MUST_AVAILABILITY);
        assertThat(Arrays.stream(HardFilter.values()).filter(filter -> !filter.liftableByOverride()))
                .as("a report's block, an ended pair, a mentor not approved, capacity: never lifted")
                .containsExactlyInAnyOrder(
                        HardFilter.NEWCOMER_THEMSELVES,
                        HardFilter.BLOCKED,
                        HardFilter.PREVIOUSLY_ENDED,
                        HardFilter.NOT_APPROVED,
                        HardFilter.NO_FREE_SLOT);
    }

    private static Map.Entry<HardFilter, Integer> entry(HardFilter filter) {
        return Map.entry(filter, 1);
    }

    private static Mentor withRecoverySince(Mentor mentor, LocalDate since) {
        return new Mentor(mentor.attributes(), mentor.status(), since, mentor.capacity(), mentor.slotsInUse());
    }
}
