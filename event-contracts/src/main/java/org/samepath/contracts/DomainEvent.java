package org.samepath.contracts;

import java.time.Instant;

/**
 * What every Samepath event carries: its own id (also its CloudEvents {@code ce_id}), the id of the aggregate it is
 * about (also the Kafka record key) and when it happened.
 */
public interface DomainEvent {
    String eventId();

    String aggregateId();

    Instant occurredAt();
}
