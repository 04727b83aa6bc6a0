package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** The newcomer withdrew their request. */
public record MatchRequestWithdrawn(String eventId, String requestId, String newcomerId, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
