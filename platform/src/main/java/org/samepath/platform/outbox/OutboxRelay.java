package org.samepath.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>The relays asked for while others run are done together: one read of all their documents, every entry sent
 * without waiting in between (the producer batches them), one wait for the acknowledgements, and one write that
 * empties every fully published outbox. So a busy service pays a couple of round trips per batch of relays, not per
 * write, and an idle one relays each write at once.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Most relays done together (one read of that many documents by id). */
    static final int MAX_BATCH = 200;

    private final KafkaOperations<Object, Object> kafka;
    private final MongoDatabase database;
    private final OutboxProperties properties;
    private final TraceContextCarrier traceContext;
    private final Executor executor;
    private final Clock clock;
    private final String source;
    /** The documents a relay of this instance is publishing now, and whether another asked meanwhile. */
    private final Map<Claim, Boolean> claims = new ConcurrentHashMap<>();

    private final Queue<Requested> requested = new ConcurrentLinkedQueue<>();

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

    private record Requested(MongoCollection<Document> collection, Object documentId) {}

    private record Claim(String collection, Object documentId) {}

    private static final Boolean CLAIMED = Boolean.FALSE;
    private static final Boolean AGAIN = Boolean.TRUE;

    /** A document's outbox as read, and how many of its entries, from the first, are acknowledged so far. */
    private static final class Pending {

        final Object documentId;
        final List<OutboxEntry> entries;
        final boolean deleteWhenPublished;
        int acknowledged;
        boolean stopped;

        Pending(Object documentId, List<OutboxEntry> entries, boolean deleteWhenPublished) {
            this.documentId = documentId;
            this.entries = entries;
            this.deleteWhenPublished = deleteWhenPublished;
        }

        boolean complete() {
            return acknowledged == entries.size();
        }
    }

    /** Publishes a document's outbox in the background, right after the write that filled it. */
    public void relaySoon(MongoCollection<Document> collection, Object documentId) {
        requested.add(new Requested(collection, documentId));
        executor.execute(this::relayRequested);
    }

    /** Relays whatever has been asked for and not yet taken by another thread (nothing, when they took it all). */
    private void relayRequested() {
        Map<MongoCollection<Document>, Set<Object>> byCollection = new LinkedHashMap<>();
        Requested next;
        int taken = 0;
        while (taken < MAX_BATCH && (next = requested.poll()) != null) {
            byCollection
                    .computeIfAbsent(next.collection(), ignored -> new LinkedHashSet<>())
                    .add(next.documentId());
            taken++;
        }
        byCollection.forEach((collection, ids) -> {
            try {
                relayAll(collection, ids);
            } catch (RuntimeException e) {
                // The entries stay pending; the sweep publishes them after its grace period.
                log.warn(
                        "Could not relay {} outbox(es) of {} now: {}",
                        ids.size(),
                        collection.getNamespace(),
                        e.toString());
            }
        });
    }

    /**
     * Publishes a document's outbox now; returns how many entries went out. A broker failure does not throw (the
     * sweep retries). When another relay of this instance is publishing the document, this returns 0 at once and that
     * relay publishes it again when done, so whatever was appended meanwhile still goes out.
     */
    public int relay(MongoCollection<Document> collection, Object documentId) {
        return relayAll(collection, List.of(documentId));
    }

    /**
     * Publishes these documents' outboxes together; returns how many entries went out.
     *
     * <p>One relay per document at a time in this instance: two writes in quick succession each ask for a relay, and
     * on a busy machine the sweep can reach an entry whose post-write relay is still sending. Unserialised, each would
     * read the same entries and publish them twice. So each document is claimed for the relay; one that another relay
     * holds is left to it, marked to be relayed again once that one is done (it may have read the outbox before the
     * newest entries). Nothing is held while waiting for another relay, so batches never queue behind each other.
     * (Across instances delivery stays at least once, as designed.)
     */
    int relayAll(MongoCollection<Document> collection, Collection<?> documentIds) {
        String name = collection.getNamespace().getCollectionName();
        List<Object> claimed = new ArrayList<>(documentIds.size());
        for (Object id : documentIds) {
            if (claims.compute(new Claim(name, id), (key, held) -> held == null ? CLAIMED : AGAIN) == CLAIMED) {
                claimed.add(id);
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Object> again = new ArrayList<>();
        try {
            return relayClaimed(collection, claimed);
        } finally {
            for (Object id : claimed) {
                claims.compute(new Claim(name, id), (key, held) -> {
                    if (held == AGAIN) {
                        again.add(id);
                    }
                    return null;
                });
            }
            again.forEach(id -> relaySoon(collection, id));
        }
    }

    private int relayClaimed(MongoCollection<Document> collection, Collection<?> documentIds) {
        List<Pending> pending = new ArrayList<>();
        for (Document document : collection
                .find(in("_id", documentIds))
                .projection(include(Outbox.FIELD, Outbox.DELETE_WHEN_PUBLISHED, Outbox.PENDING_SINCE))) {
            if (!nothingToDo(document)) {
                pending.add(new Pending(
                        document.get("_id"),
                        document.getList(Outbox.FIELD, Document.class, List.of()).stream()
                                .map(OutboxEntry::from)
                                .toList(),
                        document.getBoolean(Outbox.DELETE_WHEN_PUBLISHED, false)));
            }
        }
        if (pending.isEmpty()) {
            return 0;
        }
        publishInOrder(pending);
        List<Pending> complete = pending.stream().filter(Pending::complete).toList();
        if (!settle(collection, complete)) {
            complete.forEach(outbox -> removePublished(collection, outbox));
        }
        pending.stream()
                .filter(outbox -> !outbox.complete() && outbox.acknowledged > 0)
                .forEach(outbox -> removePublished(collection, outbox));
        return pending.stream().mapToInt(outbox -> outbox.acknowledged).sum();
    }

    private static boolean nothingToDo(Document document) {
        return document.getList(Outbox.FIELD, Document.class, List.of()).isEmpty()
                && !document.containsKey(Outbox.PENDING_SINCE)
                && !document.getBoolean(Outbox.DELETE_WHEN_PUBLISHED, false);
    }

    /**
     * Everything read was published: in one round trip, empty each outbox and clear its pending mark (or, for a
     * document that exists only for its events, delete it), provided the outbox still holds exactly what was read.
     * Entries are only ever appended, and removed from the front by a relay, so "no entry after the last one read,
     * and the last one is ours" means nothing was appended or removed meanwhile.
     *
     * @return false when some outbox changed meanwhile (the caller then removes what it published one by one)
     */
    private static boolean settle(MongoCollection<Document> collection, List<Pending> complete) {
        if (complete.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(complete.size());
        for (Pending outbox : complete) {
            Bson unchanged = unchanged(outbox);
            writes.add(
                    outbox.deleteWhenPublished
                            ? new DeleteOneModel<>(and(unchanged, eq(Outbox.DELETE_WHEN_PUBLISHED, true)))
                            : new UpdateOneModel<>(
                                    unchanged,
                                    Updates.combine(
                                            Updates.set(Outbox.FIELD, List.of()),
                                            Updates.unset(Outbox.PENDING_SINCE))));
        }
        BulkWriteResult result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        return result.getMatchedCount() + result.getDeletedCount() == writes.size();
    }

    private static Bson unchanged(Pending outbox) {
        int count = outbox.entries.size();
        return count == 0
                ? and(eq("_id", outbox.documentId), exists(Outbox.FIELD + ".0", false))
                : and(
                        eq("_id", outbox.documentId),
                        exists(Outbox.FIELD + "." + count, false),
                        eq(
                                Outbox.FIELD + "." + (count - 1) + "." + OutboxEntry.EVENT_ID,
                                outbox.entries.get(count - 1).eventId()));
    }

    /**
     * Rare (the outbox changed while publishing, or publishing stopped part-way): removes exactly the entries this
     * relay published, and the pending mark if that emptied the outbox. Harmless for an outbox already settled.
     */
    private static void removePublished(MongoCollection<Document> collection, Pending outbox) {
        if (outbox.acknowledged > 0) {
            List<String> ids = outbox.entries.subList(0, outbox.acknowledged).stream()
                    .map(OutboxEntry::eventId)
                    .toList();
            collection.updateOne(
                    eq("_id", outbox.documentId), Updates.pull(Outbox.FIELD, in(OutboxEntry.EVENT_ID, ids)));
        }
        collection.updateOne(
                and(eq("_id", outbox.documentId), exists(Outbox.FIELD + ".0", false)),
                Updates.unset(Outbox.PENDING_SINCE));
    }

    /**
     * Sends the entries without waiting for each acknowledgement in turn (the producer batches them). Within one
     * document an entry for another topic or key than the one before it waits until the earlier ones are in: the
     * idempotent producer keeps one key's records in order, but nothing orders two partitions. So the documents are
     * sent in rounds, each round taking every document's next run of entries for one partition, and a document's
     * publishing stops at its first failure.
     */
    private void publishInOrder(List<Pending> pending) {
        List<Pending> active =
                pending.stream().filter(outbox -> !outbox.entries.isEmpty()).toList();
        while (!active.isEmpty()) {
            Map<Pending, List<CompletableFuture<?>>> inFlight = new LinkedHashMap<>();
            for (Pending outbox : active) {
                List<CompletableFuture<?>> sent = new ArrayList<>();
                inFlight.put(outbox, sent);
                OutboxEntry first = outbox.entries.get(outbox.acknowledged);
                for (int i = outbox.acknowledged; i < outbox.entries.size(); i++) {
                    OutboxEntry entry = outbox.entries.get(i);
                    if (!samePartitionKey(first, entry)) {
                        break;
                    }
                    try {
                        sent.add(traceContext.inTrace(entry.traceparent(), "outbox relay", () -> send(entry)));
                    } catch (RuntimeException e) {
                        warnNotPublished(entry, outbox.documentId, e);
                        outbox.stopped = true;
                        break;
                    }
                }
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            inFlight.forEach((outbox, sent) -> {
                int settled = awaitInOrder(sent, outbox, deadline);
                if (settled < sent.size()) {
                    outbox.stopped = true;
                }
                outbox.acknowledged += settled;
            });
            active = active.stream()
                    .filter(outbox -> !outbox.stopped && !outbox.complete())
                    .toList();
        }
    }

    private static boolean samePartitionKey(OutboxEntry previous, OutboxEntry next) {
        return previous.topic().equals(next.topic()) && previous.key().equals(next.key());
    }

    /** @return how many of the sends, from the first, were acknowledged by the deadline */
    private static int awaitInOrder(List<CompletableFuture<?>> sent, Pending outbox, long deadline) {
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                warnNotPublished(outbox.entries.get(outbox.acknowledged + i), outbox.documentId, e);
                return i;
            } catch (Exception e) {
                warnNotPublished(outbox.entries.get(outbox.acknowledged + i), outbox.documentId, e);
                return i;
            }
        }
        return sent.size();
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
            List<Object> leftBehind = new ArrayList<>();
            collection
                    .find(lte(Outbox.PENDING_SINCE, settledBefore))
                    .projection(include("_id"))
                    .limit(properties.sweepBatchSize())
                    .forEach(document -> leftBehind.add(document.get("_id")));
            if (!leftBehind.isEmpty()) {
                published += relayAll(collection, leftBehind);
            }
        }
        return published;
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
