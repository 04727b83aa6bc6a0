package org.samepath.contracts.profile;

/** Newcomers are {@code ACTIVE}; mentors move PENDING_APPROVAL -> APPROVED <-> PAUSED, or SUSPENDED by a coordinator. */
public enum ProfileStatus {
    ACTIVE,
    PENDING_APPROVAL,
    APPROVED,
    PAUSED,
    SUSPENDED
}
