package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.samepath.matching.engine.Consent.MATCH_AND_SHARE;
import static org.samepath.matching.engine.Consent.MATCH_ONLY;
import static org.samepath.matching.engine.Fixtures.NOW;
import static org.samepath.matching.engine.Fixtures.ids;
import static org.samepath.matching.engine.Fixtures.mentor;
import static org.samepath.matching.engine.Fixtures.newcomer;
import static org.samepath.matching.engine.Fixtures.only;
import static org.samepath.matching.engine.Fixtures.points;
import static org.samepath.matching.engine.Fixtures.rank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTests {

    @Test
    void aMentorWhoMeetsEverythingScores100() {
        Newcomer newcomer = newcomer(p -> everything(p), Preference.prefer(Criterion.GENDER, "woman"));

        Candidate candidate = only(rank(newcomer, mentor("twin", p -> everything(p))));

        assertThat(candidate.score()).isEqualTo(100);
        assertThat(candidate.unmetPreferences()).isEmpty();
        assertThat(candidate.breakdown())
                .allSatisfy(line -> assertThat(line.points()).isEqualTo(line.maxPoints()));
    }

    @Test
    void sharedExperienceEarnsTheShareOfTheNewcomersExperiencesTheMentorShares() {
        Newcomer newcomer = newcomer(p -> p.livedExperience("substance:alcohol", MATCH_AND_SHARE)
                .livedExperience("mental-health:anxiety", MATCH_ONLY));

        assertThat(scoreOnly(Criterion.SHARED_EXPERIENCE, newcomer, mentor("both", p -> p.livedExperience(
                                "substance:alcohol", MATCH_ONLY)
                        .livedExperience("mental-health:anxiety", MATCH_AND_SHARE)
                        .livedExperience("trauma:grief", MATCH_AND_SHARE))))
                .isEqualTo(100);
        assertThat(scoreOnly(
                        Criterion.SHARED_EXPERIENCE,
                        newcomer,
                        mentor("one", p -> p.livedExperience("mental-health:anxiety", MATCH_ONLY))))
                .isEqualTo(50);
        assertThat(scoreOnly(
                        Criterion.SHARED_EXPERIENCE,
                        newcomer,
                        mentor("none", p -> p.livedExperience("trauma:grief", MATCH_AND_SHARE))))
                .isZero();
    }

    @Test
    void pathwayAndIdentityEarnTheirShareOfOverlap() {
        Newcomer newcomer = newcomer(p -> p.recoveryPathways("TWELVE_STEP", "SECULAR")
                .identity("veteran", MATCH_AND_SHARE)
                .identity("parent", MATCH_ONLY)
                .identity("lgbtq", MATCH_ONLY));
        Mentor mentor = mentor("m", p -> p.recoveryPathways("SECULAR").identity("parent", MATCH_AND_SHARE));

        assertThat(scoreOnly(Criterion.PATHWAY, newcomer, mentor)).isEqualTo(50);
        assertThat(scoreOnly(Criterion.IDENTITY, newcomer, mentor)).isEqualTo(33);
    }

    @Test
    void languageEarnsFullPointsForAnySharedLanguage() {
        Newcomer newcomer = newcomer(p -> p.languages("en", "es"));

        assertThat(scoreOnly(Criterion.LANGUAGE, newcomer, mentor("m", p -> p.languages("es", "fr"))))
                .isEqualTo(100);
        assertThat(scoreOnly(Criterion.LANGUAGE, newcomer, mentor("m", p -> p.languages("fr"))))
                .isZero();
    }

    @Test
    void faithAndGenderEarnPointsForTheSameValue() {
        Newcomer newcomer = newcomer(p -> p.faith("buddhist", MATCH_ONLY).genderIdentity("non-binary"));

        assertThat(scoreOnly(Criterion.FAITH, newcomer, mentor("m", p -> p.faith("buddhist", MATCH_AND_SHARE))))
                .isEqualTo(100);
        assertThat(scoreOnly(Criterion.FAITH, newcomer, mentor("m", p -> p.faith("secular", MATCH_AND_SHARE))))
                .isZero();
        assertThat(scoreOnly(Criterion.GENDER, newcomer, mentor("m", p -> p.genderIdentity("non-binary"))))
                .isEqualTo(100);
    }

    @Test
    void ageBandEarnsFullPointsForTheSameBandAndHalfForTheNextOne() {
        Newcomer newcomer = newcomer(p -> p.ageBand("55-64"));

        assertThat(scoreOnly(Criterion.AGE_BAND, newcomer, mentor("m", p -> p.ageBand("55-64"))))
                .isEqualTo(100);
        assertThat(scoreOnly(Criterion.AGE_BAND, newcomer, mentor("m", p -> p.ageBand("65+"))))
                .isEqualTo(50);
        assertThat(scoreOnly(Criterion.AGE_BAND, newcomer, mentor("m", p -> p.ageBand("45-54"))))
                .isEqualTo(50);
        assertThat(scoreOnly(Criterion.AGE_BAND, newcomer, mentor("m", p -> p.ageBand("25-34"))))
                .isZero();
    }

    @Test
    void availabilityEarnsTheShareOfTheNewcomersSlotsReducedByTimeZoneDistance() {
        Newcomer newcomer = newcomer(p -> p.availability("MON_EVENING", "TUE_EVENING", "SAT_MORNING", "SUN_MORNING")
                .timeZone("America/New_York"));

        assertThat(scoreOnly(
                        Criterion.AVAILABILITY, newcomer, mentor("m", p -> p.availability("MON_EVENING", "SAT_MORNING")
                                .timeZone("America/Chicago"))))
                .isEqualTo(50);
        // Three hours apart keeps 7/8 of the overlap; thirteen hours apart keeps none.
        assertThat(scoreOnly(
                        Criterion.AVAILABILITY, newcomer, mentor("m", p -> p.availability("MON_EVENING", "SAT_MORNING")
                                .timeZone("America/Los_Angeles"))))
                .isEqualTo(44);
        assertThat(scoreOnly(
                        Criterion.AVAILABILITY, newcomer, mentor("m", p -> p.availability("MON_EVENING", "SAT_MORNING")
                                .timeZone("Asia/Tokyo"))))
                .isZero();
        assertThat(scoreOnly(
                        Criterion.AVAILABILITY,
                        newcomer,
                        mentor("m", p -> p.availability("MON_EVENING", "SAT_MORNING"))))
                .isEqualTo(50);
    }

    @Test
    void mentorLoadEarnsTheShareOfFreeCapacitySoWorkSpreads() {
        Mentor threeOfFourFree =
                new Mentor(mentor("m").attributes(), MentorStatus.APPROVED, Fixtures.TODAY.minusYears(3), 4, 1);

        assertThat(scoreOnly(Criterion.MENTOR_LOAD, newcomer(), threeOfFourFree))
                .isEqualTo(75);

        Ranking ranking = rank(
                newcomer(p -> p.languages("en")),
                mentor("busy", p -> p.languages("en")).withSlotsInUse(2),
                mentor("free", p -> p.languages("en")));
        assertThat(ids(ranking)).containsExactly("free", "busy");
    }

    @Test
    void criteriaTheNewcomerSaysNothingAboutDoNotCount() {
        Newcomer newcomer = newcomer(p -> p.languages("en"));

        Ranking ranking = rank(
                newcomer,
                mentor("free", p -> p.languages("en").faith("christian", MATCH_AND_SHARE)),
                mentor("one-of-three", p -> p.languages("en")).withSlotsInUse(2));

        assertThat(ranking.candidates()).extracting(Candidate::score).containsExactly(100, 73);
        assertThat(ranking.candidates().get(0).breakdown())
                .extracting(CriterionScore::criterion)
                .containsExactly(Criterion.LANGUAGE, Criterion.MENTOR_LOAD);
    }

    @Test
    void aMetPreferEarnsItsBonusAndAnUnmetOneIsListed() {
        Preference woman = Preference.prefer(Criterion.GENDER, "woman");
        Newcomer newcomer = newcomer(p -> p.languages("en"), woman);

        Ranking ranking = rank(
                newcomer,
                mentor("woman", p -> p.languages("en").genderIdentity("woman")),
                mentor("man", p -> p.languages("en").genderIdentity("man")));

        // Language 15 + load 10 + bonus 10 = 35 points possible; the man misses the bonus: 25/35.
        assertThat(ranking.candidates()).extracting(Candidate::score).containsExactly(100, 71);
        assertThat(ranking.candidates().get(0).unmetPreferences()).isEmpty();
        assertThat(ranking.candidates().get(1).unmetPreferences()).containsExactly(woman);
        assertThat(points(ranking.candidates().get(0), Criterion.GENDER)).isEqualTo(28.57, within(0.01));
    }

    @Test
    void preferSharedExperienceWithoutAValueIsMetByAnyExperienceInCommon() {
        Preference shared = Preference.prefer(Criterion.SHARED_EXPERIENCE, null);
        Newcomer newcomer = newcomer(p -> p.livedExperience("trauma:combat", MATCH_ONLY), shared);

        Ranking ranking = rank(
                newcomer,
                mentor("combat", p -> p.livedExperience("trauma:combat", MATCH_ONLY)),
                mentor("grief", p -> p.livedExperience("trauma:grief", MATCH_ONLY)));

        assertThat(ranking.candidates().get(0).unmetPreferences()).isEmpty();
        assertThat(ranking.candidates().get(1).unmetPreferences()).containsExactly(shared);
    }

    @Test
    void weightsAreConfiguration() {
        Newcomer newcomer = newcomer(p -> p.languages("en").faith("christian", MATCH_AND_SHARE));
        Mentor sameFaith = mentor("same-faith", p -> p.faith("christian", MATCH_AND_SHARE));
        Mentor sameLanguage = mentor("same-language", p -> p.languages("en"));
        MentorPool pool = MentorPool.of(List.of(sameFaith, sameLanguage));

        MatchingEngine faithFirst = new MatchingEngine(
                MatchingSettings.defaults().withWeights(Map.of(Criterion.FAITH, 50, Criterion.LANGUAGE, 10)));

        assertThat(ids(Fixtures.ENGINE.rank(newcomer, pool, Exclusions.none(), NOW)))
                .containsExactly("same-language", "same-faith");
        assertThat(ids(faithFirst.rank(newcomer, pool, Exclusions.none(), NOW)))
                .containsExactly("same-faith", "same-language");
    }

    @Test
    void theBreakdownAddsUpToTheScore() {
        Newcomer newcomer = newcomer(p -> everything(p), Preference.prefer(Criterion.PATHWAY, "SECULAR"));

        Candidate candidate = only(rank(newcomer, mentor("partial", p -> p.languages("en")
                .ageBand("35-44")
                .livedExperience("substance:alcohol", MATCH_ONLY)
                .availability("MON_EVENING"))));

        double total = candidate.breakdown().stream()
                .mapToDouble(CriterionScore::points)
                .sum();
        assertThat(total)
                .isCloseTo(
                        candidate.score(),
                        within(0.5 + 0.005 * candidate.breakdown().size()));
        assertThat(candidate.breakdown().stream()
                        .mapToDouble(CriterionScore::maxPoints)
                        .sum())
                .isCloseTo(100, within(0.05));
    }

    @Test
    void equalScoresAreOrderedByMentorIdAndTheShortlistIsBounded() {
        Mentor[] mentors = new Mentor[7];
        for (int i = 0; i < mentors.length; i++) {
            mentors[i] = mentor("m" + (7 - i), p -> p.languages("en"));
        }

        assertThat(ids(rank(newcomer(p -> p.languages("en")), mentors))).containsExactly("m1", "m2", "m3", "m4", "m5");
        MatchingEngine two = new MatchingEngine(MatchingSettings.defaults().withShortlistSize(2));
        assertThat(two.rank(newcomer(), MentorPool.of(List.of(mentors)), Exclusions.none(), NOW)
                        .candidates())
                .hasSize(2);
    }

    @Test
    void rankingIsTheSameWhateverOrderTheMentorsArrivedIn() {
        Newcomer newcomer = newcomer(p -> everything(p));
        List<Mentor> mentors = List.of(
                mentor("c", p -> p.languages("en").ageBand("25-34")),
                mentor("a", p -> p.languages("en").livedExperience("substance:alcohol", MATCH_ONLY)),
                mentor("b", p -> p.languages("en").livedExperience("substance:alcohol", MATCH_ONLY)),
                mentor("d", p -> p.recoveryPathways("TWELVE_STEP")));

        Ranking forwards = Fixtures.ENGINE.rank(newcomer, MentorPool.of(mentors), Exclusions.none(), NOW);
        List<Mentor> reversed = new ArrayList<>(mentors);
        Collections.reverse(reversed);
        Ranking backwards = Fixtures.ENGINE.rank(newcomer, MentorPool.of(reversed), Exclusions.none(), NOW);

        assertThat(backwards).isEqualTo(forwards);
        assertThat(ids(forwards)).containsExactly("a", "b", "c", "d");
    }

    private static PersonAttributes.Builder everything(PersonAttributes.Builder person) {
        return person.languages("en", "es")
                .genderIdentity("woman")
                .ageBand("25-34")
                .availability("MON_EVENING", "SAT_MORNING")
                .timeZone("America/Chicago")
                .recoveryPathways("TWELVE_STEP")
                .livedExperience("substance:alcohol", MATCH_AND_SHARE)
                .livedExperience("mental-health:anxiety", MATCH_ONLY)
                .identity("veteran", MATCH_AND_SHARE)
                .faith("secular", MATCH_ONLY);
    }

    /** The score when only {@code criterion} weighs anything. */
    private static int scoreOnly(Criterion criterion, Newcomer newcomer, Mentor mentor) {
        MatchingEngine engine = new MatchingEngine(MatchingSettings.defaults().withWeights(Map.of(criterion, 100)));
        return only(engine.rank(newcomer, MentorPool.of(List.of(mentor)), Exclusions.none(), NOW))
                .score();
    }
}
