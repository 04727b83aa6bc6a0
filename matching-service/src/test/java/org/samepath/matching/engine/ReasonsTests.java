package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samepath.matching.engine.Consent.MATCH_AND_SHARE;
import static org.samepath.matching.engine.Consent.MATCH_ONLY;
import static org.samepath.matching.engine.Fixtures.NOW;
import static org.samepath.matching.engine.Fixtures.TODAY;
import static org.samepath.matching.engine.Fixtures.mentor;
import static org.samepath.matching.engine.Fixtures.newcomer;
import static org.samepath.matching.engine.Fixtures.only;
import static org.samepath.matching.engine.Fixtures.rank;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonsTests {

    @Test
    void namesWhatBothShareInPlainWords() {
        Newcomer newcomer = newcomer(p -> p.languages("en", "es")
                .recoveryPathways("TWELVE_STEP")
                .livedExperience("substance:alcohol", MATCH_AND_SHARE)
                .identity("veteran", MATCH_AND_SHARE)
                .faith("christian", MATCH_AND_SHARE)
                .ageBand("35-44")
                .availability("MON_EVENING", "SAT_MORNING"));
        Mentor mentor = mentor("m", p -> p.languages("es", "fr")
                .recoveryPathways("TWELVE_STEP", "SECULAR")
                .livedExperience("substance:alcohol", MATCH_AND_SHARE)
                .identity("veteran", MATCH_AND_SHARE)
                .faith("christian", MATCH_AND_SHARE)
                .ageBand("35-44")
                .availability("MON_EVENING", "TUE_MORNING"));

        assertThat(only(rank(newcomer, mentor)).reasons())
                .containsExactly(
                        "both in recovery from alcohol use",
                        "both follow a twelve-step pathway",
                        "both speak Spanish",
                        "both veterans",
                        "both Christian",
                        "both aged 35-44",
                        "available at the same times (Monday evening)");
    }

    @Test
    void namesOtherExperiencesAndIdentitiesNaturally() {
        Newcomer newcomer = newcomer(p -> p.languages("en", "es")
                .livedExperience("mental-health:ptsd", MATCH_AND_SHARE)
                .livedExperience("trauma:domestic-violence", MATCH_AND_SHARE)
                .identity("lgbtq", MATCH_AND_SHARE)
                .ageBand("18-24")
                .availability("SAT_MORNING", "SUN_EVENING", "MON_MORNING"));
        Mentor mentor = mentor("m", p -> p.languages("en", "es")
                .livedExperience("mental-health:ptsd", MATCH_AND_SHARE)
                .livedExperience("trauma:domestic-violence", MATCH_AND_SHARE)
                .identity("lgbtq", MATCH_AND_SHARE)
                .ageBand("25-34")
                .availability("SUN_EVENING", "MON_MORNING", "SAT_MORNING"));

        assertThat(only(rank(newcomer, mentor)).reasons())
                .containsExactly(
                        "both have lived experience of PTSD",
                        "both have lived experience of domestic violence",
                        "both speak English and Spanish",
                        "both LGBTQ+",
                        "close in age (18-24 and 25-34)",
                        "available at the same times (Monday morning, Saturday morning and Sunday evening)");
    }

    @Test
    void neverNamesAnAttributeEitherPersonKeepsMatchOnly() {
        Newcomer newcomer = newcomer(p -> p.livedExperience("substance:opioids", MATCH_ONLY)
                .livedExperience("mental-health:depression", MATCH_AND_SHARE)
                .identity("justice-involved", MATCH_AND_SHARE)
                .faith("muslim", MATCH_ONLY));
        Mentor mentor = mentor("m", p -> p.livedExperience("substance:opioids", MATCH_AND_SHARE)
                .livedExperience("mental-health:depression", MATCH_ONLY)
                .identity("justice-involved", MATCH_ONLY)
                .faith("muslim", MATCH_AND_SHARE));

        Candidate candidate = only(rank(newcomer, mentor));

        assertThat(String.join("\n", candidate.reasons()))
                .doesNotContainIgnoringCase("opioid")
                .doesNotContainIgnoringCase("depression")
                .doesNotContainIgnoringCase("justice")
                .doesNotContainIgnoringCase("muslim");
        assertThat(candidate.reasons()).containsExactly(Explanations.NOTHING_NAMEABLE);
        assertThat(candidate.score()).isEqualTo(100);
    }

    @Test
    void mentionsSameTimesOnlyWhenTheClocksAreClose() {
        Newcomer newcomer = newcomer(p -> p.availability("MON_EVENING").timeZone("Europe/London"));

        assertThat(only(rank(newcomer, mentor("m", p -> p.availability("MON_EVENING")
                                .timeZone("America/Chicago"))))
                        .reasons())
                .noneMatch(reason -> reason.startsWith("available"));
        assertThat(only(rank(newcomer, mentor("m", p -> p.availability("MON_EVENING")
                                .timeZone("Europe/Paris"))))
                        .reasons())
                .contains("available at the same times (Monday evening)");
    }

    @Test
    void waitlistsWithTheMustNoApprovedMentorMeets() {
        Newcomer newcomer =
                newcomer(Preference.must(Criterion.LANGUAGE, "es"), Preference.must(Criterion.GENDER, "woman"));

        Ranking ranking = rank(
                newcomer,
                mentor("english-woman", p -> p.languages("en").genderIdentity("woman")),
                mentor("paused-spanish", p -> p.languages("es")).withStatus(MentorStatus.PAUSED));

        assertThat(ranking.candidates()).isEmpty();
        assertThat(ranking.blockingReasons()).containsExactly("no approved mentor speaks Spanish");
    }

    @Test
    void waitlistsWhenMustsAreMetOnlySeparately() {
        Newcomer newcomer =
                newcomer(Preference.must(Criterion.LANGUAGE, "es"), Preference.must(Criterion.GENDER, "woman"));

        Ranking ranking = rank(
                newcomer,
                mentor("english-woman", p -> p.languages("en").genderIdentity("woman")),
                mentor("spanish-man", p -> p.languages("es").genderIdentity("man")));

        assertThat(ranking.blockingReasons()).containsExactly("no approved mentor speaks Spanish and is a woman");
    }

    @Test
    void waitlistsWhenEveryoneIsFull() {
        Ranking nothingRequired = rank(newcomer(), mentor("full").withSlotsInUse(3));
        Ranking spanishRequired = rank(
                newcomer(Preference.must(Criterion.LANGUAGE, "es")),
                mentor("full-spanish", p -> p.languages("es")).withSlotsInUse(3),
                mentor("free-english", p -> p.languages("en")));

        assertThat(nothingRequired.blockingReasons()).containsExactly("no approved mentor has a free slot");
        assertThat(spanishRequired.blockingReasons())
                .containsExactly("no approved mentor who speaks Spanish has a free slot");
    }

    @Test
    void waitlistsWhenNobodyIsApprovedOrLongEnoughInRecovery() {
        Mentor newInRecovery =
                new Mentor(mentor("new").attributes(), MentorStatus.APPROVED, TODAY.minusMonths(2), 3, 0);

        assertThat(rank(newcomer()).blockingReasons()).containsExactly("no mentor is approved and active yet");
        assertThat(rank(newcomer(), mentor("pending").withStatus(MentorStatus.PENDING_APPROVAL))
                        .blockingReasons())
                .containsExactly("no mentor is approved and active yet");
        assertThat(rank(newcomer(), newInRecovery).blockingReasons())
                .containsExactly("no approved mentor who has a free slot has been in recovery for at least 1 year");
    }

    @Test
    void waitlistsWithWhatRuledOutTheRemainingMentors() {
        Exclusions exclusions = Exclusions.builder()
                .tried("newcomer", "a")
                .tried("newcomer", "b")
                .declined("newcomer", "c", NOW.minus(Duration.ofDays(2)))
                .build();

        Ranking ranking = rank(newcomer(), exclusions, mentor("a"), mentor("b"), mentor("c"));

        assertThat(ranking.blockingReasons())
                .containsExactly("every approved mentor who has a free slot and has been"
                        + " in recovery for at least 1 year is ruled out for this newcomer: 1 declined within the last 30 days"
                        + " and 2 already proposed for this request");
    }

    @Test
    void blockingReasonsKeepASensitiveValueUnnamedWhenTheNewcomerHoldsItMatchOnly() {
        Newcomer privateFaith =
                newcomer(p -> p.faith("jewish", MATCH_ONLY), Preference.must(Criterion.FAITH, "jewish"));
        Newcomer sharedFaith =
                newcomer(p -> p.faith("jewish", MATCH_AND_SHARE), Preference.must(Criterion.FAITH, "jewish"));
        Newcomer privateExperience = newcomer(
                p -> p.livedExperience("substance:gambling", MATCH_ONLY),
                Preference.must(Criterion.SHARED_EXPERIENCE, "substance:gambling"));

        assertThat(rank(privateFaith, mentor("m")).blockingReasons())
                .containsExactly("no approved mentor has the faith this newcomer asked for");
        assertThat(rank(sharedFaith, mentor("m")).blockingReasons()).containsExactly("no approved mentor is Jewish");
        assertThat(rank(privateExperience, mentor("m")).blockingReasons())
                .containsExactly("no approved mentor shares the lived experience this newcomer asked for");
    }

    @Test
    void blockingReasonsDescribeEveryKindOfMust() {
        assertThat(blocking(Preference.must(Criterion.PATHWAY, "TWELVE_STEP")))
                .isEqualTo("no approved mentor follows a twelve-step pathway");
        assertThat(blocking(Preference.must(Criterion.AVAILABILITY, "SAT_MORNING")))
                .isEqualTo("no approved mentor is available on Saturday morning");
        assertThat(blocking(Preference.must(Criterion.AGE_BAND, "65+"))).isEqualTo("no approved mentor is aged 65+");
        assertThat(blocking(Preference.must(Criterion.IDENTITY, "veteran")))
                .isEqualTo("no approved mentor is a veteran");
        assertThat(blocking(Preference.must(Criterion.SHARED_EXPERIENCE, null)))
                .isEqualTo("no approved mentor shares a lived experience with this newcomer");
        assertThat(blocking(Preference.must(Criterion.LANGUAGE, "vi")))
                .isEqualTo("no approved mentor speaks Vietnamese");
    }

    @Test
    void hasNoBlockingReasonWhenSomeoneIsLeft() {
        assertThat(rank(newcomer(), mentor("m")).blockingReasons()).isEmpty();
    }

    private static String blocking(Preference must) {
        List<String> reasons = rank(newcomer(must), mentor("m")).blockingReasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }
}
