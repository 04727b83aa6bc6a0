package org.samepath.contracts.profile;

public enum Role {
    NEWCOMER,
    MENTOR
}
