package org.samepath.contracts.matching;

import java.time.Instant;
import java.util.List;
import org.samepath.contracts.DomainEvent;

/** No mentor fits right now; the request waits, retried whenever the mentor pool changes. */
public record MatchRequestWaitlisted(
        String eventId, String requestId, String newcomerId, Instant occurredAt, List<String> blockingReasons)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId;
    }
}
