package org.samepath.matching.engine;

/**
 * What the owner of a sensitive attribute allows. {@code PRIVATE} attributes never reach the engine: the caller
 * drops them before building a {@link PersonAttributes}.
 */
public enum Consent {
    /** Used for matching and may be named to the matched partner. */
    MATCH_AND_SHARE,
    /** Used for matching, never named. */
    MATCH_ONLY
}
