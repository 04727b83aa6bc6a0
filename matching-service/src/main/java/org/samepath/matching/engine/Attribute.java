package org.samepath.matching.engine;

import java.util.Set;

/** The set-valued (or single-valued) attributes the pool stores as bitmasks, one {@link BitColumn} each. */
enum Attribute {
    LANGUAGES,
    GENDER,
    AGE_BAND,
    LIVED_EXPERIENCE,
    PATHWAYS,
    IDENTITIES,
    FAITH,
    AVAILABILITY;

    static final int COUNT = values().length;

    /** Every value the person holds, whatever its consent: consent limits what is named, not what is matched. */
    Set<String> valuesOf(PersonAttributes person) {
        return switch (this) {
            case LANGUAGES -> person.languages();
            case GENDER -> optional(person.genderIdentity());
            case AGE_BAND -> optional(person.ageBand());
            case LIVED_EXPERIENCE -> person.livedExperience().keySet();
            case PATHWAYS -> person.recoveryPathways();
            case IDENTITIES -> person.identities().keySet();
            case FAITH -> person.faith() == null
                    ? Set.of()
                    : Set.of(person.faith().value());
            case AVAILABILITY -> person.availability();
        };
    }

    static Attribute of(Criterion criterion) {
        return switch (criterion) {
            case LANGUAGE -> LANGUAGES;
            case GENDER -> GENDER;
            case AGE_BAND -> AGE_BAND;
            case SHARED_EXPERIENCE -> LIVED_EXPERIENCE;
            case PATHWAY -> PATHWAYS;
            case IDENTITY -> IDENTITIES;
            case FAITH -> FAITH;
            case AVAILABILITY -> AVAILABILITY;
            case MENTOR_LOAD -> throw new IllegalArgumentException("MENTOR_LOAD is not an attribute");
        };
    }

    private static Set<String> optional(String value) {
        return value == null ? Set.of() : Set.of(value);
    }
}
