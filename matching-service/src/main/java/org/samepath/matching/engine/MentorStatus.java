package org.samepath.matching.engine;

/** A mentor's vetting state; only {@link #APPROVED} mentors can be proposed. */
public enum MentorStatus {
    PENDING_APPROVAL,
    APPROVED,
    PAUSED,
    SUSPENDED
}
