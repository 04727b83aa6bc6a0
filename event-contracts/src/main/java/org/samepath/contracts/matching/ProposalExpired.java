package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** The mentor did not answer in time; the next candidate will be proposed. */
public record ProposalExpired(
        String eventId, String requestId, String newcomerId, String proposalId, String mentorId, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
