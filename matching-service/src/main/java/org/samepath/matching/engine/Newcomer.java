package org.samepath.matching.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A newcomer asking for a mentor: who they are, what they want, and since when they have been waiting. */
public record Newcomer(PersonAttributes attributes, List<Preference> preferences, Instant waitingSince) {

    public Newcomer {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(waitingSince, "waitingSince");
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
    }

    public String id() {
        return attributes.personId();
    }

    public List<Preference> preferences(Strength strength) {
        return preferences.stream().filter(p -> p.strength() == strength).toList();
    }
}
