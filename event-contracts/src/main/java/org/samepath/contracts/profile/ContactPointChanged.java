package org.samepath.contracts.profile;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/**
 * How to reach one person, on the compacted contact-points topic that only notification-service reads. Erasure is a
 * tombstone (null value) with the same key.
 */
public record ContactPointChanged(
        String eventId,
        String personId,
        long version,
        Instant occurredAt,
        String displayName,
        String email,
        boolean emailOptIn)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return personId;
    }
}
