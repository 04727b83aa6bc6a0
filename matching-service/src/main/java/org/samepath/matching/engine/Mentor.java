package org.samepath.matching.engine;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A mentor as matching sees them. {@code slotsInUse} counts active matches and pending proposals, so a free slot is
 * {@code slotsInUse < capacity}. {@code recoverySince} may be null (never eligible).
 */
public record Mentor(
        PersonAttributes attributes, MentorStatus status, LocalDate recoverySince, int capacity, int slotsInUse) {

    public static final int MAX_CAPACITY = 10;

    public Mentor {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(status, "status");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 1-" + MAX_CAPACITY + ", was " + capacity);
        }
        if (slotsInUse < 0) {
            throw new IllegalArgumentException("slotsInUse must not be negative, was " + slotsInUse);
        }
    }

    public String id() {
        return attributes.personId();
    }

    public boolean hasFreeSlot() {
        return slotsInUse < capacity;
    }

    public Mentor withSlotsInUse(int slots) {
        return new Mentor(attributes, status, recoverySince, capacity, slots);
    }

    public Mentor withStatus(MentorStatus newStatus) {
        return new Mentor(attributes, newStatus, recoverySince, capacity, slotsInUse);
    }
}
