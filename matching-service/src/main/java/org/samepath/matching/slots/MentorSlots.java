package org.samepath.matching.slots;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A mentor's capacity, counted in MongoDB so that every instance sees the same count. A slot is held by a pending
 * proposal and stays held by the match it becomes; {@code free} only ever decreases through a conditional update
 * that requires it to be positive, so a mentor is never over capacity however many requests race for them. Each hold
 * is named, so releasing one twice changes nothing.
 */
public class MentorSlots {

    public static final String COLLECTION = "mentor_slots";
    private static final String CAPACITY = "capacity";
    private static final String FREE = "free";

    /** When a mentor's slots last changed: the pool and the crash repair follow changes since a watermark. */
    public static final String CHANGED_AT = "changedAt";

    private static final FindOneAndUpdateOptions COUNTS_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(include(CAPACITY, FREE));

    private final MongoCollection<Document> slots;
    private final Clock clock;
    private final List<Consumer<SlotChange>> observers = new CopyOnWriteArrayList<>();

    public MentorSlots(MongoDatabase database, Clock clock) {
        this.slots = database.getCollection(COLLECTION);
        this.clock = clock;
        slots.createIndex(Indexes.ascending(CHANGED_AT));
    }

    /** A mentor's slots in use after a change this instance made, and whether it gave a slot back. */
    public record SlotChange(String mentorId, int inUse, boolean freed) {}

    /** Tells {@code observer} whenever this instance changes a mentor's slots, with the count the write returned. */
    public void onChange(Consumer<SlotChange> observer) {
        observers.add(observer);
    }

    /** @param after the slot document as the conditional write left it (capacity and free); null when not written */
    private boolean changed(String mentorId, Document after, boolean freed) {
        if (after == null) {
            return false;
        }
        SlotChange change = new SlotChange(mentorId, inUse(after), freed);
        observers.forEach(observer -> observer.accept(change));
        return true;
    }

    /**
     * Takes one of the mentor's slots for {@code holdId}; false when they have none free. One round trip: the write
     * returns the new count, so nobody reads it back.
     */
    public boolean reserve(String mentorId, String holdId) {
        Date now = Date.from(clock.instant());
        Document hold = new Document("id", holdId).append("at", now);
        return changed(
                mentorId,
                slots.findOneAndUpdate(
                        and(eq("_id", mentorId), gt(FREE, 0), ne("holds.id", holdId)),
                        Updates.combine(
                                Updates.inc(FREE, -1), Updates.push("holds", hold), Updates.set(CHANGED_AT, now)),
                        COUNTS_AFTER),
                false);
    }

    /** Gives the slot held by {@code holdId} back; a second release of the same hold does nothing. */
    public void release(String mentorId, String holdId) {
        changed(
                mentorId,
                slots.findOneAndUpdate(
                        and(eq("_id", mentorId), eq("holds.id", holdId)),
                        Updates.combine(
                                Updates.inc(FREE, 1),
                                Updates.pull("holds", new Document("id", holdId)),
                                Updates.set(CHANGED_AT, Date.from(clock.instant()))),
                        COUNTS_AFTER),
                true);
    }

    /** Free only ever moves with the holds (and by the difference when the capacity changes). */
    private static int inUse(Document slotCounts) {
        return slotCounts.getInteger(CAPACITY) - slotCounts.getInteger(FREE);
    }

    /** Follows a mentor's declared capacity; slots in use stay in use, so free may go below zero until they end. */
    public void setCapacity(String mentorId, int capacity) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Document current = slots.find(eq("_id", mentorId)).first();
            if (current == null) {
                try {
                    slots.insertOne(new Document("_id", mentorId)
                            .append(CAPACITY, capacity)
                            .append(FREE, capacity)
                            .append("holds", List.of())
                            .append(CHANGED_AT, Date.from(clock.instant())));
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            int previous = current.getInteger(CAPACITY);
            if (previous == capacity
                    || slots.updateOne(
                                            and(eq("_id", mentorId), eq(CAPACITY, previous)),
                                            Updates.combine(
                                                    Updates.set(CAPACITY, capacity),
                                                    Updates.inc(FREE, capacity - previous),
                                                    Updates.set(CHANGED_AT, Date.from(clock.instant()))))
                                    .getModifiedCount()
                            == 1) {
                return;
            }
        }
    }

    /** Slots in use (held by pending proposals or active matches). */
    public int inUse(String mentorId) {
        return Optional.ofNullable(slots.find(eq("_id", mentorId)).first())
                .map(document ->
                        document.getList("holds", Document.class, List.of()).size())
                .orElse(0);
    }

    /** Slots in use of every mentor, in one query: for building the pool at start-up. */
    public Map<String, Integer> inUseByMentor() {
        return inUseWhere(new Document());
    }

    /**
     * Slots in use of the mentors whose slots changed at or after {@code since} (on any instance), through the
     * changed-at index: what a pool refresh reads is what changed, not every mentor.
     */
    public Map<String, Integer> inUseChangedSince(Instant since) {
        return inUseWhere(gte(CHANGED_AT, Date.from(since)));
    }

    private Map<String, Integer> inUseWhere(Bson filter) {
        Map<String, Integer> inUse = new HashMap<>();
        slots.find(filter)
                .projection(include(CAPACITY, FREE))
                .forEach(document -> inUse.put(document.getString("_id"), inUse(document)));
        return inUse;
    }

    /** One slot taken: whose, by which proposal ({@code holdId}), since when. */
    public record Hold(String mentorId, String holdId, Instant at) {}

    /**
     * The slots taken of these mentors and of every mentor whose slots changed in {@code [from, to]}: what the
     * repair of what a crash left behind looks at, so a pass reads what changed since the last one.
     */
    public List<Hold> holdsOf(Collection<String> mentorIds, Instant from, Instant to) {
        List<Hold> holds = new ArrayList<>();
        Bson changedInWindow = and(gte(CHANGED_AT, Date.from(from)), lte(CHANGED_AT, Date.from(to)));
        Bson filter = mentorIds.isEmpty() ? changedInWindow : or(in("_id", mentorIds), changedInWindow);
        slots.find(and(filter, exists("holds.0")))
                .forEach(document -> document.getList("holds", Document.class, List.of())
                        .forEach(hold -> holds.add(new Hold(
                                document.getString("_id"),
                                hold.getString("id"),
                                hold.getDate("at").toInstant()))));
        return holds;
    }

    /** Erasure of a mentor. */
    public void forget(String mentorId) {
        slots.deleteOne(eq("_id", mentorId));
    }
}
