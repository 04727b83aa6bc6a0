package org.samepath.matching.engine;

import java.util.Objects;

/**
 * A newcomer's wish about their mentor. {@code value} is what the mentor should have (a language code, a gender
 * identity, a pathway, ...); only {@link Criterion#SHARED_EXPERIENCE} may leave it null, meaning "at least one lived
 * experience in common".
 */
public record Preference(Criterion criterion, String value, Strength strength) {

    public Preference {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(strength, "strength");
        if (!criterion.acceptsPreferences()) {
            throw new IllegalArgumentException(criterion + " takes no preference");
        }
        if (value == null && criterion != Criterion.SHARED_EXPERIENCE) {
            throw new IllegalArgumentException(criterion + " preference needs a value");
        }
    }

    public static Preference must(Criterion criterion, String value) {
        return new Preference(criterion, value, Strength.MUST);
    }

    public static Preference prefer(Criterion criterion, String value) {
        return new Preference(criterion, value, Strength.PREFER);
    }
}
