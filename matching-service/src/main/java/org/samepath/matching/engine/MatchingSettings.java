package org.samepath.matching.engine;

import java.time.Duration;
import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The program's matching configuration.
 *
 * @param weights points per criterion before normalisation (absent criteria weigh 0)
 * @param preferenceBonus points a met {@link Strength#PREFER} preference adds to its criterion
 * @param minimumTimeInRecovery how long a mentor must have been in recovery
 * @param declineCooldown how long a declined pair is not proposed again
 * @param shortlistSize how many ranked candidates to return
 */
public record MatchingSettings(
        Map<Criterion, Integer> weights,
        int preferenceBonus,
        Period minimumTimeInRecovery,
        Duration declineCooldown,
        int shortlistSize) {

    public static final Map<Criterion, Integer> DEFAULT_WEIGHTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Criterion.SHARED_EXPERIENCE, 30,
            Criterion.PATHWAY, 15,
            Criterion.LANGUAGE, 15,
            Criterion.IDENTITY, 10,
            Criterion.FAITH, 5,
            Criterion.AGE_BAND, 5,
            Criterion.AVAILABILITY, 10,
            Criterion.MENTOR_LOAD, 10)));

    public static final int DEFAULT_PREFERENCE_BONUS = 10;

    public MatchingSettings {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(minimumTimeInRecovery, "minimumTimeInRecovery");
        Objects.requireNonNull(declineCooldown, "declineCooldown");
        EnumMap<Criterion, Integer> copy = new EnumMap<>(Criterion.class);
        weights.forEach((criterion, weight) -> {
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("weight of " + criterion + " must be >= 0, was " + weight);
            }
            copy.put(criterion, weight);
        });
        weights = Collections.unmodifiableMap(copy);
        if (preferenceBonus < 0) {
            throw new IllegalArgumentException("preferenceBonus must be >= 0, was " + preferenceBonus);
        }
        if (minimumTimeInRecovery.isNegative() || declineCooldown.isNegative()) {
            throw new IllegalArgumentException("minimumTimeInRecovery and declineCooldown must not be negative");
        }
        if (shortlistSize < 1) {
            throw new IllegalArgumentException("shortlistSize must be >= 1, was " + shortlistSize);
        }
    }

    /** The documented defaults: weights summing to 100, 1 year in recovery, 30 days' cool-down, 5 candidates. */
    public static MatchingSettings defaults() {
        return new MatchingSettings(
                DEFAULT_WEIGHTS, DEFAULT_PREFERENCE_BONUS, Period.ofYears(1), Duration.ofDays(30), 5);
    }

    public int weight(Criterion criterion) {
        return weights.getOrDefault(criterion, 0);
    }

    public MatchingSettings withWeights(Map<Criterion, Integer> newWeights) {
        return new MatchingSettings(newWeights, preferenceBonus, minimumTimeInRecovery, declineCooldown, shortlistSize);
    }

    public MatchingSettings withPreferenceBonus(int bonus) {
        return new MatchingSettings(weights, bonus, minimumTimeInRecovery, declineCooldown, shortlistSize);
    }

    public MatchingSettings withMinimumTimeInRecovery(Period period) {
        return new MatchingSettings(weights, preferenceBonus, period, declineCooldown, shortlistSize);
    }

    public MatchingSettings withDeclineCooldown(Duration cooldown) {
        return new MatchingSettings(weights, preferenceBonus, minimumTimeInRecovery, cooldown, shortlistSize);
    }

    public MatchingSettings withShortlistSize(int size) {
        return new MatchingSettings(weights, preferenceBonus, minimumTimeInRecovery, declineCooldown, size);
    }
}
