package org.samepath.matching.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Small builders for the engine's example tests; everything not mentioned is absent or a harmless default. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final MatchingEngine ENGINE = new MatchingEngine(MatchingSettings.defaults());

    private Fixtures() {}

    /** An approved mentor, 5 years in recovery, 3 slots, none in use, speaking English. */
    static Mentor mentor(String id, UnaryOperator<PersonAttributes.Builder> attributes) {
        return new Mentor(
                attributes.apply(PersonAttributes.builder(id)).build(),
                MentorStatus.APPROVED,
                TODAY.minusYears(5),
                3,
                0);
    }

    static Mentor mentor(String id) {
        return mentor(id, person -> person);
    }

    static Newcomer newcomer(UnaryOperator<PersonAttributes.Builder> attributes, Preference... preferences) {
        return new Newcomer(
                attributes.apply(PersonAttributes.builder("newcomer")).build(),
                List.of(preferences),
                NOW.minusSeconds(3600));
    }

    static Newcomer newcomer(Preference... preferences) {
        return newcomer(person -> person, preferences);
    }

    static Ranking rank(Newcomer newcomer, Mentor... mentors) {
        return ENGINE.rank(newcomer, MentorPool.of(Arrays.asList(mentors)), Exclusions.none(), NOW);
    }

    static Ranking rank(Newcomer newcomer, Exclusions exclusions, Mentor... mentors) {
        return ENGINE.rank(newcomer, MentorPool.of(Arrays.asList(mentors)), exclusions, NOW);
    }

    static List<String> ids(Ranking ranking) {
        return ranking.candidates().stream().map(Candidate::mentorId).toList();
    }

    static Candidate only(Ranking ranking) {
        if (ranking.candidates().size() != 1) {
            throw new AssertionError("expected one candidate, got " + ranking.candidates());
        }
        return ranking.candidates().get(0);
    }

    static double points(Candidate candidate, Criterion criterion) {
        return candidate.breakdown().stream()
                .filter(line -> line.criterion() == criterion)
                .mapToDouble(CriterionScore::points)
                .findFirst()
                .orElse(0);
    }
}
