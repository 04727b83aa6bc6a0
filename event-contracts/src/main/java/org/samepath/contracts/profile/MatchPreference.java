package org.samepath.contracts.profile;

/**
 * A newcomer's preference for one criterion. {@code value} is absent for criteria that compare both profiles (e.g.
 * SHARED_EXPERIENCE). Criterion: LANGUAGE, GENDER, AGE_BAND, SHARED_EXPERIENCE, PATHWAY, IDENTITY, FAITH,
 * AVAILABILITY. Strength: MUST (hard filter) or PREFER (adds to the score).
 */
public record MatchPreference(String criterion, String value, String strength) {}
