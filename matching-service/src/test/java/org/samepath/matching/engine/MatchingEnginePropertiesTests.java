package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@PropertyDefaults(tries = 300)
class MatchingEnginePropertiesTests {

    @Provide
    Arbitrary<Scenario> scenarios() {
        return EngineArbitraries.scenarios();
    }

    @Property
    void noCandidateViolatesAMustPreference(@ForAll("scenarios") Scenario scenario) {
        for (Candidate candidate : scenario.rank().candidates()) {
            Mentor mentor = scenario.mentor(candidate.mentorId());
            for (Preference must : scenario.newcomer().preferences(Strength.MUST)) {
                assertThat(Rules.meets(must, scenario.newcomer().attributes(), mentor.attributes()))
                        .as("%s meets %s", mentor.id(), must)
                        .isTrue();
            }
        }
    }

    @Property
    void everyCandidateIsApprovedLongEnoughInRecoveryAndHasAFreeSlot(@ForAll("scenarios") Scenario scenario) {
        for (Candidate candidate : scenario.rank().candidates()) {
            Mentor mentor = scenario.mentor(candidate.mentorId());
            assertThat(Rules.mentorReady(mentor, scenario))
                    .as("%s is ready", mentor)
                    .isTrue();
            assertThat(mentor.slotsInUse()).isLessThan(mentor.capacity());
        }
    }

    @Property
    void forbiddenPairsAreNeverProposed(@ForAll("scenarios") Scenario scenario) {
        for (Candidate candidate : scenario.rank().candidates()) {
            assertThat(Rules.pairForbidden(scenario, scenario.mentor(candidate.mentorId())))
                    .as("blocked, ended, cooling down, tried, conflicted or self: %s", candidate.mentorId())
                    .isFalse();
        }
    }

    @Property
    void reasonsNameOnlyWhatBothShareAndAgreedToShare(@ForAll("scenarios") Scenario scenario) {
        PersonAttributes newcomer = scenario.newcomer().attributes();
        for (Candidate candidate : scenario.rank().candidates()) {
            PersonAttributes mentor = scenario.mentor(candidate.mentorId()).attributes();
            for (String reason : candidate.reasons()) {
                Rules.KEYWORDS.forEach((value, keyword) -> {
                    if (reason.toLowerCase(Locale.ROOT).contains(keyword)) {
                        assertThat(Rules.holdsShareably(newcomer, value) && Rules.holdsShareably(mentor, value))
                                .as("\"%s\" names %s", reason, value)
                                .isTrue();
                    }
                });
            }
        }
    }

    @Property
    void blockingReasonsNeverNameWhatTheNewcomerKeepsMatchOnly(@ForAll("scenarios") Scenario scenario) {
        Ranking ranking = scenario.rank();
        assertThat(ranking.blockingReasons().isEmpty())
                .isEqualTo(!ranking.candidates().isEmpty());
        for (String reason : ranking.blockingReasons()) {
            Rules.KEYWORDS.forEach((value, keyword) -> {
                if (reason.toLowerCase(Locale.ROOT).contains(keyword)) {
                    assertThat(Rules.holdsMatchOnly(scenario.newcomer().attributes(), value))
                            .as("\"%s\" names %s", reason, value)
                            .isFalse();
                }
            });
        }
    }

    @Property
    void blockingReasonsAreTrue(@ForAll("scenarios") Scenario scenario) {
        Ranking ranking = scenario.rank();
        Newcomer newcomer = scenario.newcomer();
        List<Mentor> approved = scenario.mentors().stream()
                .filter(m -> m.status() == MentorStatus.APPROVED && !m.id().equals(newcomer.id()))
                .toList();
        if (!ranking.candidates().isEmpty()) {
            return;
        }
        assertThat(ranking.blockingReasons().contains("no mentor is approved and active yet"))
                .isEqualTo(approved.isEmpty());
        for (Preference must : newcomer.preferences(Strength.MUST)) {
            if (ranking.blockingReasons().contains("no approved mentor " + Phrases.mentorMeets(must, true))) {
                assertThat(approved).noneMatch(m -> Rules.meets(must, newcomer.attributes(), m.attributes()));
            }
        }
        if (ranking.blockingReasons().contains("no approved mentor has a free slot")) {
            assertThat(approved).noneMatch(Mentor::hasFreeSlot);
        }
    }

    @Property
    void theSameInputGivesTheSameOutputWhateverTheOrderOfThePool(@ForAll("scenarios") Scenario scenario) {
        List<Mentor> shuffled = new ArrayList<>(scenario.mentors());
        Collections.shuffle(shuffled, new Random(shuffled.size()));
        MatchingEngine engine = new MatchingEngine(scenario.settings());

        Ranking again =
                engine.rank(scenario.newcomer(), MentorPool.of(shuffled), scenario.exclusions(), scenario.now());

        assertThat(again).isEqualTo(scenario.rank());
    }

    @Property
    void scoresStayWithin0And100AndComeBestFirst(@ForAll("scenarios") Scenario scenario) {
        List<Candidate> candidates = scenario.rank().candidates();
        for (int i = 0; i < candidates.size(); i++) {
            assertThat(candidates.get(i).score()).isBetween(0, 100);
            if (i > 0) {
                assertThat(candidates.get(i).score())
                        .isLessThanOrEqualTo(candidates.get(i - 1).score());
            }
        }
    }

    @Property
    void removedCountsAndCandidatesConsideredAddUpToThePool(@ForAll("scenarios") Scenario scenario) {
        Ranking ranking = scenario.rank();
        int removed = ranking.removedByFilter().values().stream()
                .mapToInt(Integer::intValue)
                .sum();

        assertThat(ranking.poolSize()).isEqualTo(scenario.mentors().size());
        assertThat(ranking.candidatesConsidered() + removed).isEqualTo(ranking.poolSize());
        assertThat(ranking.candidates())
                .hasSize(Math.min(scenario.settings().shortlistSize(), ranking.candidatesConsidered()));
        assertThat(ranking.engineVersion()).isEqualTo(MatchingEngine.VERSION);
    }

    @Property
    void thePoolScanAgreesWithThePairByPairRules(@ForAll("scenarios") Scenario scenario) {
        MatchingSettings everyone = scenario.settings()
                .withShortlistSize(Math.max(1, scenario.mentors().size()));
        Ranking ranking = new MatchingEngine(everyone)
                .rank(scenario.newcomer(), scenario.pool(), scenario.exclusions(), scenario.now());

        Map<HardFilter, Integer> expectedRemoved = new EnumMap<>(HardFilter.class);
        Set<String> expectedCandidates = new HashSet<>();
        for (Mentor mentor : scenario.mentors()) {
            Optional<HardFilter> filter = HardFilters.firstFailing(
                    scenario.newcomer(), mentor, scenario.exclusions(), everyone, scenario.now());
            filter.ifPresentOrElse(
                    f -> expectedRemoved.merge(f, 1, Integer::sum), () -> expectedCandidates.add(mentor.id()));
            boolean allowed = !Rules.pairForbidden(scenario, mentor)
                    && Rules.mentorReady(mentor, scenario)
                    && scenario.newcomer().preferences(Strength.MUST).stream()
                            .allMatch(must ->
                                    Rules.meets(must, scenario.newcomer().attributes(), mentor.attributes()));
            assertThat(filter.isEmpty()).as("rules agree on %s", mentor.id()).isEqualTo(allowed);
        }
        assertThat(ranking.removedByFilter()).isEqualTo(expectedRemoved);
        assertThat(ranking.candidates().stream().map(Candidate::mentorId).collect(Collectors.toSet()))
                .isEqualTo(expectedCandidates);
    }

    @Property
    void theShortlistIsTheTopOfTheFullRanking(@ForAll("scenarios") Scenario scenario) {
        MatchingSettings everyone = scenario.settings()
                .withShortlistSize(Math.max(1, scenario.mentors().size()));
        List<Candidate> full = new MatchingEngine(everyone)
                .rank(scenario.newcomer(), scenario.pool(), scenario.exclusions(), scenario.now())
                .candidates();

        List<Candidate> shortlist = scenario.rank().candidates();

        assertThat(shortlist).isEqualTo(full.subList(0, shortlist.size()));
    }

    @Property
    void unmetPreferencesAreExactlyThePreferencesTheMentorMisses(@ForAll("scenarios") Scenario scenario) {
        PersonAttributes newcomer = scenario.newcomer().attributes();
        for (Candidate candidate : scenario.rank().candidates()) {
            PersonAttributes mentor = scenario.mentor(candidate.mentorId()).attributes();
            List<Preference> missed = scenario.newcomer().preferences(Strength.PREFER).stream()
                    .filter(prefer -> !Rules.meets(prefer, newcomer, mentor))
                    .toList();
            assertThat(candidate.unmetPreferences()).isEqualTo(missed);
        }
    }

    @Property
    void theStraightLineScorerAddsUpTheSameAsTermByTermAndNeverCutsARowThatCouldEnter(
            @ForAll("scenarios") Scenario scenario) {
        MentorPool pool = scenario.pool();
        pool.read(() -> {
            RequestPlan plan =
                    new RequestPlan(scenario.newcomer(), pool.columns(), scenario.settings(), scenario.now());
            Statistics.label("scoring path").collect(plan.scoring.hasFastPath() ? "straight line" : "term by term");
            for (int row = 0; row < pool.columns().size; row++) {
                long[] byCriterion = plan.scoring.pointsByCriterion(row);
                long total = 0;
                for (long points : byCriterion) {
                    total += points;
                }
                long score = plan.scoring.score(row);
                assertThat(score).isEqualTo(plan.scoring.termByTerm(row)).isEqualTo(total);
                assertThat(plan.scoring.scoreUnlessBelow(row, score))
                        .as("never cut at its own score")
                        .isEqualTo(score);
                assertThat(plan.scoring.scoreUnlessBelow(row, score + 1)).isIn(-1L, score);
            }
            return null;
        });
        Statistics.label("scoring path")
                .coverage(coverage -> coverage.check("term by term").percentage(p -> p > 3));
    }

    @Property
    void aFreedMentorGoesToTheLongestWaitingNewcomerTheyCanTake(
            @ForAll("scenarios") Scenario scenario, @ForAll("waitingLists") List<Newcomer> waiting) {
        if (scenario.mentors().isEmpty()) {
            return;
        }
        Mentor mentor = scenario.mentors().get(0);
        MatchingEngine engine = new MatchingEngine(scenario.settings());
        Optional<Newcomer> chosen =
                engine.nextNewcomerFor(mentor.id(), waiting, scenario.pool(), scenario.exclusions(), scenario.now());

        List<Newcomer> compatible = waiting.stream()
                .filter(n -> engine.firstFailingFilter(n, mentor, scenario.exclusions(), scenario.now())
                        .isEmpty())
                .toList();
        assertThat(chosen.isPresent()).isEqualTo(!compatible.isEmpty());
        chosen.ifPresent(first -> assertThat(compatible)
                .allSatisfy(other -> assertThat(other.waitingSince()).isAfterOrEqualTo(first.waitingSince())));
    }

    @Provide
    Arbitrary<List<Newcomer>> waitingLists() {
        return EngineArbitraries.newcomers().list().ofMaxSize(8).map(newcomers -> {
            List<Newcomer> named = new ArrayList<>();
            for (int i = 0; i < newcomers.size(); i++) {
                Newcomer n = newcomers.get(i);
                named.add(new Newcomer(
                        EngineArbitraries.withId(n.attributes(), "n" + i), n.preferences(), n.waitingSince()));
            }
            return named;
        });
    }
}
