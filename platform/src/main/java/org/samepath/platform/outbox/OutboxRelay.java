package org.samepath.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.bson.conversions.Bson;
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
                .projection(include(Outbox.FIELD, Outbox.DELETE_WHEN_PUBLISHED, Outbox.PENDING_SINCE))
                .first();
        if (document == null || nothingToDo(document)) {
            return 0;
        }
        List<OutboxEntry> entries = document.getList(Outbox.FIELD, Document.class, List.of()).stream()
                .map(OutboxEntry::from)
                .toList();
        int published = publishInOrder(entries, documentId);
        if (published == entries.size()
                && settle(collection, documentId, entries, document.getBoolean(Outbox.DELETE_WHEN_PUBLISHED, false))) {
            return published;
        }
        if (published > 0) {
            List<String> ids = entries.subList(0, published).stream()
                    .map(OutboxEntry::eventId)
                    .toList();
            collection.updateOne(eq("_id", documentId), Updates.pull(Outbox.FIELD, in(OutboxEntry.EVENT_ID, ids)));
            // Rare (the outbox changed while publishing): if that emptied it, the pending mark goes too.
            collection.updateOne(
                    and(eq("_id", documentId), exists(Outbox.FIELD + ".0", false)),
                    Updates.unset(Outbox.PENDING_SINCE));
        }
        return published;
    }

    private static boolean nothingToDo(Document document) {
        return document.getList(Outbox.FIELD, Document.class, List.of()).isEmpty()
                && !document.containsKey(Outbox.PENDING_SINCE)
                && !document.getBoolean(Outbox.DELETE_WHEN_PUBLISHED, false);
    }

    /**
     * Everything read was published: in one round trip, empty the outbox and clear its pending mark (or, for a
     * document that exists only for its events, delete it), provided the outbox still holds exactly what was read.
     * Entries are only ever appended, and removed from the front by a relay, so "no entry after the last one read,
     * and the last one is ours" means nothing was appended or removed meanwhile.
     *
     * @return false when the outbox changed meanwhile (the caller pulls what it published instead)
     */
    private static boolean settle(
            MongoCollection<Document> collection, Object documentId, List<OutboxEntry> entries, boolean delete) {
        int count = entries.size();
        Bson unchanged = count == 0
                ? and(eq("_id", documentId), exists(Outbox.FIELD + ".0", false))
                : and(
                        eq("_id", documentId),
                        exists(Outbox.FIELD + "." + count, false),
                        eq(
                                Outbox.FIELD + "." + (count - 1) + "." + OutboxEntry.EVENT_ID,
                                entries.get(count - 1).eventId()));
        if (delete) {
            return collection
                            .deleteOne(and(unchanged, eq(Outbox.DELETE_WHEN_PUBLISHED, true)))
                            .getDeletedCount()
                    == 1;
        }
        return collection
                        .updateOne(
                                unchanged,
                                Updates.combine(
                                        Updates.set(Outbox.FIELD, List.of()), Updates.unset(Outbox.PENDING_SINCE)))
                        .getMatchedCount()
                == 1;
    }

    /**
     * Sends the entries without waiting for each acknowledgement in turn (the producer batches them), waiting only
     * where the next entry goes to another topic or key: the idempotent producer keeps one key's records in order,
     * but nothing orders two partitions, so an entry for another partition waits until the earlier ones are in.
     *
     * @return how many entries, from the first, are acknowledged; publishing stops at the first failure
     */
    private int publishInOrder(List<OutboxEntry> entries, Object documentId) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        int acknowledged = 0;
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            if (!inFlight.isEmpty() && !samePartitionKey(entries.get(i - 1), entry)) {
                int settled = awaitInOrder(inFlight, entries, acknowledged, documentId);
                acknowledged += settled;
                if (settled < inFlight.size()) {
                    return acknowledged;
                }
                inFlight.clear();
            }
            try {
                inFlight.add(traceContext.inTrace(entry.traceparent(), "outbox relay", () -> send(entry)));
            } catch (RuntimeException e) {
                warnNotPublished(entry, documentId, e);
                return acknowledged + awaitInOrder(inFlight, entries, acknowledged, documentId);
            }
        }
        return acknowledged + awaitInOrder(inFlight, entries, acknowledged, documentId);
    }

    private static boolean samePartitionKey(OutboxEntry previous, OutboxEntry next) {
        return previous.topic().equals(next.topic()) && previous.key().equals(next.key());
    }

    /** @return how many of the sends, from the first, were acknowledged within the send timeout */
    private int awaitInOrder(
            List<CompletableFuture<?>> inFlight, List<OutboxEntry> entries, int offset, Object documentId) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < inFlight.size(); i++) {
            try {
                inFlight.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                warnNotPublished(entries.get(offset + i), documentId, e);
                return i;
            } catch (Exception e) {
                warnNotPublished(entries.get(offset + i), documentId, e);
                return i;
            }
        }
        return inFlight.size();
    }

    private static void warnNotPublished(OutboxEntry entry, Object documentId, Exception e) {
        log.warn("Outbox entry {} of {} not published yet, will retry: {}", entry.eventId(), documentId, e.toString());
    }

    /** Declares the index the sweep reads, and marks documents written before the mark existed. */
    public void prepare() {
        for (String name : properties.collections()) {
            MongoCollection<Document> collection = database.getCollection(name);
            collection.createIndex(Indexes.ascending(Outbox.PENDING_SINCE));
            collection.updateMany(
                    and(exists(Outbox.FIELD + ".0"), exists(Outbox.PENDING_SINCE, false)),
                    Updates.set(Outbox.PENDING_SINCE, new Date(0)));
        }
    }

    /**
     * Publishes what the post-write relay left behind (a crash, a broker outage): the documents, in every registered
     * collection, whose oldest pending entry is older than the grace period, found through the pending-since index,
     * at most a batch per collection per sweep. With nothing left behind a sweep reads nothing.
     */
    public int sweep() {
        Date settledBefore = Date.from(clock.instant().minus(properties.sweepGrace()));
        int published = 0;
        for (String name : properties.collections()) {
            MongoCollection<Document> collection = database.getCollection(name);
            for (Document document : collection
                    .find(lte(Outbox.PENDING_SINCE, settledBefore))
                    .projection(include("_id"))
                    .limit(properties.sweepBatchSize())) {
                published += relay(collection, document.get("_id"));
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

    private CompletableFuture<?> send(OutboxEntry entry) {
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
        return kafka.send(record);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
