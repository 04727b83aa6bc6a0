package org.samepath.platform.outbox;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.samepath.contracts.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Publishes outbox entries and then removes them from their document. Runs right after each write and, through
 * {@link #sweep}, periodically for anything left behind by a crash or a broker outage. Delivery is at least once:
 * a crash between publishing and removing republishes, and every consumer is idempotent. Entries of one document are
 * published in order and publishing stops at the first failure, so a later event never overtakes an earlier one.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final KafkaOperations<Object, Object> kafka;
    private final MongoDatabase database;
    private final OutboxProperties properties;
    private final TraceContextCarrier traceContext;
    private final Executor executor;
    private final Clock clock;
    private final String source;
    private final Object[] relayStripes = newStripes(64);

    public OutboxRelay(
            KafkaOperations<Object, Object> kafka,
            MongoDatabase database,
            OutboxProperties properties,
            TraceContextCarrier traceContext,
            Executor executor,
            Clock clock,
            String source) {
        this.kafka = kafka;
        this.database = database;
        this.properties = properties;
        this.traceContext = traceContext;
        this.executor = executor;
        this.clock = clock;
        this.source = source;
    }

    /** Publishes a document's outbox in the background, right after the write that filled it. */
    public void relaySoon(MongoCollection<Document> collection, Object documentId) {
        executor.execute(() -> relay(collection, documentId));
    }

    /**
     * Publishes a document's outbox now; returns how many entries went out. Never throws: the sweep retries.
     *
     * <p>One relay per document at a time in this instance: two writes in quick succession each ask for a relay, and
     * on a busy machine the sweep can reach an entry whose post-write relay is still sending. Unserialised, each would
     * read the same entries and publish them twice. (Across instances delivery stays at least once, as designed.)
     */
    public int relay(MongoCollection<Document> collection, Object documentId) {
        synchronized (stripeOf(collection, documentId)) {
            return relayNow(collection, documentId);
        }
    }

    private Object stripeOf(MongoCollection<Document> collection, Object documentId) {
        int hash = 31 * collection.getNamespace().getCollectionName().hashCode() + documentId.hashCode();
        return relayStripes[Math.floorMod(hash, relayStripes.length)];
    }

    private int relayNow(MongoCollection<Document> collection, Object documentId) {
        Document document = collection
                .find(eq("_id", documentId))
                .projection(include(Outbox.FIELD, Outbox.DELETE_WHEN_PUBLISHED))
                .first();
        if (document == null) {
            return 0;
        }
        List<OutboxEntry> entries = document.getList(Outbox.FIELD, Document.class, List.of()).stream()
                .map(OutboxEntry::from)
                .toList();
        List<String> published = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            try {
                traceContext.runInTrace(entry.traceparent(), "outbox relay", () -> publish(entry));
                published.add(entry.eventId());
            } catch (RuntimeException e) {
                log.warn(
                        "Outbox entry {} of {} not published yet, will retry: {}",
                        entry.eventId(),
                        documentId,
                        e.toString());
                break;
            }
        }
        if (!published.isEmpty()) {
            collection.updateOne(
                    eq("_id", documentId), Updates.pull(Outbox.FIELD, in(OutboxEntry.EVENT_ID, published)));
        }
        // Only documents that exist for their events (a deletion's last word) go once published: one round trip
        // fewer for every other write.
        if (published.size() == entries.size() && document.getBoolean(Outbox.DELETE_WHEN_PUBLISHED, false)) {
            collection.deleteOne(Filters.and(
                    eq("_id", documentId), eq(Outbox.DELETE_WHEN_PUBLISHED, true), Filters.size(Outbox.FIELD, 0)));
        }
        return published.size();
    }

    /** Publishes every outbox entry older than the grace period, in every registered collection. */
    public int sweep() {
        Instant settledBefore = clock.instant().minus(properties.sweepGrace());
        int published = 0;
        for (String name : properties.collections()) {
            MongoCollection<Document> collection = database.getCollection(name);
            // Published but not yet deleted when a crash interrupted the relay.
            collection.deleteMany(Filters.and(eq(Outbox.DELETE_WHEN_PUBLISHED, true), Filters.size(Outbox.FIELD, 0)));
            for (Document document : collection
                    .find(Filters.exists(Outbox.FIELD + ".0"))
                    .projection(include(Outbox.FIELD))
                    .limit(properties.sweepBatchSize())) {
                if (oldestEnqueuedAt(document).isBefore(settledBefore)) {
                    published += relay(collection, document.get("_id"));
                }
            }
        }
        return published;
    }

    private static Object[] newStripes(int count) {
        Object[] stripes = new Object[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Object();
        }
        return stripes;
    }

    private static Instant oldestEnqueuedAt(Document document) {
        return document.getList(Outbox.FIELD, Document.class, List.of()).stream()
                .map(entry -> entry.getDate(OutboxEntry.ENQUEUED_AT).toInstant())
                .min(Instant::compareTo)
                .orElse(Instant.MAX);
    }

    private void publish(OutboxEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = null;
        if (entry.payload() != null) {
            header(headers, CloudEventHeaders.ID, entry.eventId());
            header(headers, CloudEventHeaders.TYPE, entry.type());
            header(headers, CloudEventHeaders.SOURCE, source);
            header(headers, CloudEventHeaders.TIME, entry.occurredAt().toString());
            header(headers, CloudEventHeaders.SUBJECT, entry.key());
            header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
            header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            value = entry.payload().getBytes(StandardCharsets.UTF_8);
        }
        // The record's timestamp is when the change happened, not when it was relayed: consumers order an erasure
        // tombstone (which has no headers) against the snapshots around it by this time, whatever the relay's delay.
        Instant happenedAt = entry.occurredAt() == null ? entry.enqueuedAt() : entry.occurredAt();
        ProducerRecord<Object, Object> record =
                new ProducerRecord<>(entry.topic(), null, happenedAt.toEpochMilli(), entry.key(), value, headers);
        Duration timeout = properties.sendTimeout();
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + entry.eventId(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + entry.eventId() + " to " + entry.topic(), e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
