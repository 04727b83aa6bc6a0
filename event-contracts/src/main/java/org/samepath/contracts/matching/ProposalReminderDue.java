package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** Half the response time of a pending proposal has passed. */
public record ProposalReminderDue(
        String eventId,
        String requestId,
        String newcomerId,
        String proposalId,
        String mentorId,
        Instant occurredAt,
        Instant respondBy)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
