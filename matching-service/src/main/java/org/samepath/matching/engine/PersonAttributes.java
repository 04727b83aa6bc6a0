package org.samepath.matching.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The matchable attributes of one person, newcomer or mentor. Languages, gender identity, age band, availability,
 * time zone and pathways carry no consent in the API and count as {@link Consent#MATCH_AND_SHARE}; lived experience,
 * identities and faith carry their owner's consent. Sets are sorted copies, so iteration order never depends on the
 * caller. Absent single values are null.
 */
public record PersonAttributes(
        String personId,
        Set<String> languages,
        String genderIdentity,
        String ageBand,
        Set<String> availability,
        String timeZone,
        Set<String> recoveryPathways,
        Map<String, Consent> livedExperience,
        Map<String, Consent> identities,
        ConsentedValue faith,
        Set<String> conflicts) {

    public PersonAttributes {
        Objects.requireNonNull(personId, "personId");
        languages = sorted(languages);
        availability = sorted(availability);
        recoveryPathways = sorted(recoveryPathways);
        livedExperience = sorted(livedExperience);
        identities = sorted(identities);
        conflicts = sorted(conflicts);
    }

    public static Builder builder(String personId) {
        return new Builder(personId);
    }

    private static SortedSet<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(values == null ? new TreeSet<>() : new TreeSet<>(values));
    }

    private static SortedMap<String, Consent> sorted(Map<String, Consent> values) {
        return Collections.unmodifiableSortedMap(values == null ? new TreeMap<>() : new TreeMap<>(values));
    }

    /** Assembles attributes step by step; a tag given twice keeps the stricter consent. */
    public static final class Builder {
        private final String personId;
        private final Set<String> languages = new HashSet<>();
        private String genderIdentity;
        private String ageBand;
        private final Set<String> availability = new HashSet<>();
        private String timeZone;
        private final Set<String> recoveryPathways = new HashSet<>();
        private final Map<String, Consent> livedExperience = new HashMap<>();
        private final Map<String, Consent> identities = new HashMap<>();
        private ConsentedValue faith;
        private final Set<String> conflicts = new HashSet<>();

        private Builder(String personId) {
            this.personId = personId;
        }

        public Builder languages(String... codes) {
            languages.addAll(Arrays.asList(codes));
            return this;
        }

        public Builder genderIdentity(String value) {
            genderIdentity = value;
            return this;
        }

        public Builder ageBand(String value) {
            ageBand = value;
            return this;
        }

        public Builder availability(String... slots) {
            availability.addAll(Arrays.asList(slots));
            return this;
        }

        public Builder timeZone(String zoneId) {
            timeZone = zoneId;
            return this;
        }

        public Builder recoveryPathways(String... pathways) {
            recoveryPathways.addAll(Arrays.asList(pathways));
            return this;
        }

        public Builder livedExperience(String tag, Consent consent) {
            livedExperience.merge(tag, consent, Builder::stricter);
            return this;
        }

        public Builder identity(String tag, Consent consent) {
            identities.merge(tag, consent, Builder::stricter);
            return this;
        }

        public Builder faith(String value, Consent consent) {
            faith = value == null ? null : new ConsentedValue(value, consent);
            return this;
        }

        public Builder conflicts(String... entries) {
            conflicts.addAll(Arrays.asList(entries));
            return this;
        }

        public PersonAttributes build() {
            return new PersonAttributes(
                    personId,
                    new TreeSet<>(languages),
                    genderIdentity,
                    ageBand,
                    new TreeSet<>(availability),
                    timeZone,
                    new TreeSet<>(recoveryPathways),
                    new TreeMap<>(livedExperience),
                    new TreeMap<>(identities),
                    faith,
                    new TreeSet<>(conflicts));
        }

        private static Consent stricter(Consent a, Consent b) {
            return a == Consent.MATCH_ONLY || b == Consent.MATCH_ONLY ? Consent.MATCH_ONLY : Consent.MATCH_AND_SHARE;
        }
    }
}
