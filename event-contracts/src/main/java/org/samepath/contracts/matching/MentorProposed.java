package org.samepath.contracts.matching;

import java.time.Instant;
import java.util.List;
import org.samepath.contracts.DomainEvent;

/** A mentor was proposed for a request and has until {@code respondBy} to answer. Reasons name only attributes both people share. */
public record MentorProposed(
        String eventId,
        String requestId,
        String newcomerId,
        String proposalId,
        String mentorId,
        Instant occurredAt,
        int score,
        List<String> reasons,
        Instant respondBy)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
