package org.samepath.contracts.safety;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** A newcomer said they need support now. Coordinators are alerted; peers are not crisis responders and are not told. */
public record UrgentSupportRequested(String eventId, String newcomerId, Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return newcomerId;
    }
}
