package org.samepath.platform.outbox;

import java.time.Instant;
import org.bson.Document;

/**
 * One event waiting in an aggregate's outbox. The payload is the exact JSON that will be published, and a tombstone
 * (erasure on a compacted topic) has none.
 */
record OutboxEntry(
        String eventId,
        String type,
        String topic,
        String key,
        Instant occurredAt,
        Instant enqueuedAt,
        String payload,
        String traceparent) {

    static final String EVENT_ID = "eventId";
    static final String TYPE = "type";
    static final String TOPIC = "topic";
    static final String KEY = "key";
    static final String OCCURRED_AT = "occurredAt";
    static final String ENQUEUED_AT = "enqueuedAt";
    static final String PAYLOAD = "payload";
    static final String TRACEPARENT = "traceparent";

    static OutboxEntry from(Document document) {
        return new OutboxEntry(
                document.getString(EVENT_ID),
                document.getString(TYPE),
                document.getString(TOPIC),
                document.getString(KEY),
                document.getDate(OCCURRED_AT) == null
                        ? null
                        : document.getDate(OCCURRED_AT).toInstant(),
                document.getDate(ENQUEUED_AT).toInstant(),
                document.getString(PAYLOAD),
                document.getString(TRACEPARENT));
    }
}
