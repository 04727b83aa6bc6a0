package org.samepath.matching.engine;

/** How much a newcomer's preference counts: {@link #MUST} is a hard filter, {@link #PREFER} adds to the score. */
public enum Strength {
    MUST,
    PREFER
}
