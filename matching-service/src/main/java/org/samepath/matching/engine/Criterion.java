package org.samepath.matching.engine;

/**
 * What a newcomer and a mentor are compared on. Every criterion but {@link #MENTOR_LOAD} can carry a newcomer's
 * preference; {@link #MENTOR_LOAD} only scores (more free capacity, more points, to spread the work).
 */
public enum Criterion {
    LANGUAGE,
    GENDER,
    AGE_BAND,
    SHARED_EXPERIENCE,
    PATHWAY,
    IDENTITY,
    FAITH,
    AVAILABILITY,
    MENTOR_LOAD;

    public boolean acceptsPreferences() {
        return this != MENTOR_LOAD;
    }
}
