package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** A coordinator paused an active match for safety. */
public record MatchPaused(
        String eventId,
        String requestId,
        String newcomerId,
        String matchId,
        String mentorId,
        Instant occurredAt,
        String pausedBy)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
