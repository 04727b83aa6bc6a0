package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samepath.matching.engine.Consent.MATCH_ONLY;
import static org.samepath.matching.engine.Fixtures.ENGINE;
import static org.samepath.matching.engine.Fixtures.NOW;
import static org.samepath.matching.engine.Fixtures.mentor;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTests {

    private final MentorPool pool = MentorPool.of(
            List.of(mentor("mentor", p -> p.languages("en", "so").livedExperience("substance:gambling", MATCH_ONLY))));

    @Test
    void aFreedMentorServesTheLongestWaitingCompatibleNewcomer() {
        Newcomer rareBackground = waiting("somali-speaker", 40, Preference.must(Criterion.LANGUAGE, "so"));
        Newcomer common = waiting("english-speaker", 2, Preference.must(Criterion.LANGUAGE, "en"));
        Newcomer betterScoringLater = new Newcomer(
                PersonAttributes.builder("gambler")
                        .languages("en", "so")
                        .livedExperience("substance:gambling", MATCH_ONLY)
                        .build(),
                List.of(),
                NOW.minus(Duration.ofDays(1)));

        assertThat(ENGINE.nextNewcomerFor(
                        "mentor", List.of(common, betterScoringLater, rareBackground), pool, Exclusions.none(), NOW))
                .contains(rareBackground);
    }

    @Test
    void skipsNewcomersTheMentorFailsAHardFilterFor() {
        Newcomer wantsSpanish = waiting("wants-spanish", 90, Preference.must(Criterion.LANGUAGE, "es"));
        Newcomer blockedPair = waiting("blocked", 80);
        Newcomer triedAlready = waiting("tried", 70);
        Newcomer compatible = waiting("compatible", 5);
        Exclusions exclusions = Exclusions.builder()
                .blocked("blocked", "mentor")
                .tried("tried", "mentor")
                .build();

        assertThat(ENGINE.nextNewcomerFor(
                        "mentor", List.of(wantsSpanish, blockedPair, triedAlready, compatible), pool, exclusions, NOW))
                .contains(compatible);
    }

    @Test
    void slotsFreedTogetherServeTheWaitingNewcomersAnyOfThoseMentorsCouldTakeLongestWaitingFirst() {
        MentorPool two = MentorPool.of(List.of(
                mentor("speaks-somali", p -> p.languages("en", "so")),
                mentor("speaks-tagalog", p -> p.languages("tl"))));
        Newcomer tagalog = waiting("tagalog", 10, Preference.must(Criterion.LANGUAGE, "tl"));
        Newcomer somali = waiting("somali", 30, Preference.must(Criterion.LANGUAGE, "so"));
        Newcomer amharic = waiting("amharic", 50, Preference.must(Criterion.LANGUAGE, "am"));

        assertThat(ENGINE.servableBy(
                        List.of("speaks-somali", "speaks-tagalog"),
                        List.of(tagalog, amharic, somali),
                        two,
                        Exclusions.none(),
                        NOW))
                .containsExactly(somali, tagalog);
        assertThat(ENGINE.servableBy(List.of("speaks-tagalog"), List.of(somali, amharic), two, Exclusions.none(), NOW))
                .isEmpty();
    }

    @Test
    void equalWaitsGoToTheSmallerNewcomerId() {
        Newcomer b = waiting("b", 3);
        Newcomer a = waiting("a", 3);

        assertThat(ENGINE.nextNewcomerFor("mentor", List.of(b, a), pool, Exclusions.none(), NOW))
                .contains(a);
    }

    @Test
    void nobodyWhenTheMentorIsUnknownFullOrEveryoneIsIncompatible() {
        Newcomer wantsSpanish = waiting("wants-spanish", 9, Preference.must(Criterion.LANGUAGE, "es"));
        MentorPool full = MentorPool.of(List.of(mentor("mentor").withSlotsInUse(3)));

        assertThat(ENGINE.nextNewcomerFor("nobody", List.of(waiting("x", 1)), pool, Exclusions.none(), NOW))
                .isEmpty();
        assertThat(ENGINE.nextNewcomerFor("mentor", List.of(waiting("x", 1)), full, Exclusions.none(), NOW))
                .isEmpty();
        assertThat(ENGINE.nextNewcomerFor("mentor", List.of(wantsSpanish), pool, Exclusions.none(), NOW))
                .isEmpty();
    }

    private static Newcomer waiting(String id, int days, Preference... preferences) {
        return new Newcomer(
                PersonAttributes.builder(id).languages("en").build(),
                List.of(preferences),
                NOW.minus(Duration.ofDays(days)));
    }
}
