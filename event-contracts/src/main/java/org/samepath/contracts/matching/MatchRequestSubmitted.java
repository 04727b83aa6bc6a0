package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** A newcomer asked for a mentor; matching starts. */
public record MatchRequestSubmitted(String eventId, String requestId, String newcomerId, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
