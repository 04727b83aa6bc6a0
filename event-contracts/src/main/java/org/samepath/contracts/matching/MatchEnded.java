package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** An active match ended. */
public record MatchEnded(
        String eventId,
        String requestId,
        String newcomerId,
        String matchId,
        String mentorId,
        Instant occurredAt,
        String endedBy,
        String reason,
        boolean rematchRequested)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
