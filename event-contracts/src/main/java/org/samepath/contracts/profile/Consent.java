package org.samepath.contracts.profile;

/**
 * How a person lets an attribute be used. {@code PRIVATE} attributes never leave profile-service, so events only ever
 * carry the other two.
 */
public enum Consent {
    /** Used for matching and shown to the matched partner. */
    MATCH_AND_SHARE,
    /** Used for matching, never shown to anyone. */
    MATCH_ONLY,
    /** Not used at all. */
    PRIVATE
}
