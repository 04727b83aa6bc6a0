package org.samepath.contracts.safety;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** One side of a proposal or match reported the other; the pair is blocked for good. The reason stays in profile-service. {@code rematchRequested}: the reporter wants a new match at once. */
public record PersonReported(
        String eventId,
        String reportId,
        String reporterId,
        String subjectId,
        Instant occurredAt,
        boolean rematchRequested)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return reporterId;
    }
}
