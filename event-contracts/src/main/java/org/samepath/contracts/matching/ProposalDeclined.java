package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** The mentor declined; the next candidate will be proposed. */
public record ProposalDeclined(
        String eventId,
        String requestId,
        String newcomerId,
        String proposalId,
        String mentorId,
        Instant occurredAt,
        String reason)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
