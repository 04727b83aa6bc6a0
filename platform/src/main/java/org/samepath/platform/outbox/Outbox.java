package org.samepath.platform.outbox;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.platform.events.EventJson;

/**
 * Turns events into outbox entries that ride inside the aggregate document, so a state change and the events it
 * causes are written in one single-document update (no transactions needed). After the write, hand the document to
 * {@link OutboxRelay#relaySoon}; the sweep publishes anything a crash left behind.
 */
public class Outbox {

    /** The array field, in every aggregate document, that holds events not yet published. */
    public static final String FIELD = "outbox";

    /**
     * Marks a document that exists only until its outbox is published, then is deleted by the relay: how an erased
     * aggregate still delivers its tombstones, in order after its earlier events, and then leaves nothing behind.
     */
    public static final String DELETE_WHEN_PUBLISHED = "deleteWhenPublished";

    /**
     * When the oldest entry still in a document's outbox was enqueued; absent once the relay has published them all.
     * Indexed, so the sweep reads only documents with something pending, never a whole collection.
     */
    public static final String PENDING_SINCE = "outboxPendingSince";

    private final Clock clock;
    private final TraceContextCarrier traceContext;

    public Outbox(Clock clock, TraceContextCarrier traceContext) {
        this.clock = clock;
        this.traceContext = traceContext;
    }

    /** The update that appends these events to a document's outbox; combine it with the state change. */
    public Bson append(DomainEvent... events) {
        return pending(entries(events));
    }

    /** The update that appends tombstones (see {@link #tombstones}) to a document's outbox. */
    public Bson appendTombstones(String key, String... topics) {
        return pending(tombstones(key, topics));
    }

    /** Puts these events in the outbox of a document that is about to be inserted whole; returns the document. */
    public Document attach(Document document, DomainEvent... events) {
        List<Document> entries = entries(events);
        document.append(FIELD, entries);
        if (!entries.isEmpty()) {
            document.append(PENDING_SINCE, entries.get(0).getDate(OutboxEntry.ENQUEUED_AT));
        }
        return document;
    }

    private static Bson pending(List<Document> entries) {
        Bson push = Updates.pushEach(FIELD, entries);
        return entries.isEmpty()
                ? push
                : Updates.combine(
                        push, Updates.min(PENDING_SINCE, entries.get(0).getDate(OutboxEntry.ENQUEUED_AT)));
    }

    /** Outbox entries for a document that is about to be inserted whole (prefer {@link #attach}). */
    List<Document> entries(DomainEvent... events) {
        String traceparent = traceContext.currentTraceparent();
        Date enqueuedAt = Date.from(clock.instant());
        return Arrays.stream(events)
                .map(event -> entry(event, traceparent, enqueuedAt))
                .toList();
    }

    /**
     * Outbox entries that erase a key from compacted topics: a record with a null value, which compaction keeps only
     * until the key is gone from every copy.
     */
    List<Document> tombstones(String key, String... topics) {
        Date enqueuedAt = Date.from(clock.instant());
        return Arrays.stream(topics)
                .map(topic -> new Document(
                                OutboxEntry.EVENT_ID,
                                java.util.UUID.randomUUID().toString())
                        .append(OutboxEntry.TOPIC, topic)
                        .append(OutboxEntry.KEY, key)
                        .append(OutboxEntry.ENQUEUED_AT, enqueuedAt))
                .toList();
    }

    private static Document entry(DomainEvent event, String traceparent, Date enqueuedAt) {
        EventType<?> type = EventCatalog.of(event.getClass());
        return new Document(OutboxEntry.EVENT_ID, event.eventId())
                .append(OutboxEntry.TYPE, type.type())
                .append(OutboxEntry.TOPIC, type.topic())
                .append(OutboxEntry.KEY, event.aggregateId())
                .append(OutboxEntry.OCCURRED_AT, Date.from(event.occurredAt()))
                .append(OutboxEntry.ENQUEUED_AT, enqueuedAt)
                .append(OutboxEntry.PAYLOAD, EventJson.MAPPER.writeValueAsString(event))
                .append(OutboxEntry.TRACEPARENT, traceparent);
    }
}
