package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** The mentor accepted; the match is active. */
public record ProposalAccepted(
        String eventId,
        String requestId,
        String newcomerId,
        String proposalId,
        String mentorId,
        Instant occurredAt,
        String matchId)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
