package org.samepath.contracts.matching;

import java.time.Instant;
import org.samepath.contracts.DomainEvent;

/** A pending proposal was withdrawn (request withdrawn, mentor paused or suspended, report, erasure). */
public record ProposalWithdrawn(
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
