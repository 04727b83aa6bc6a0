package org.samepath.matching.slots;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * A mentor's capacity, counted in MongoDB so that every instance sees the same count. A slot is held by a pending
 * proposal and stays held by the match it becomes; {@code free} only ever decreases through a conditional update
 * that requires it to be positive, so a mentor is never over capacity however many requests race for them. Each hold
 * is named, so releasing one twice changes nothing.
 */
public class MentorSlots {

    public static final String COLLECTION = "mentor_slots";

    private final MongoCollection<Document> slots;
    private final Clock clock;
    private final List<Consumer<String>> observers = new CopyOnWriteArrayList<>();

    public MentorSlots(MongoDatabase database, Clock clock) {
        this.slots = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Tells {@code observer} (by mentor id) whenever this instance changes a mentor's slots. */
    public void onChange(Consumer<String> observer) {
        observers.add(observer);
    }

    private boolean changed(String mentorId, boolean changed) {
        if (changed) {
            observers.forEach(observer -> observer.accept(mentorId));
        }
        return changed;
    }

    /** Takes one of the mentor's slots for {@code holdId}; false when they have none free. */
    public boolean reserve(String mentorId, String holdId) {
        Document hold = new Document("id", holdId).append("at", Date.from(clock.instant()));
        return changed(
                mentorId,
                slots.updateOne(
                                        and(eq("_id", mentorId), gt("free", 0), ne("holds.id", holdId)),
                                        Updates.combine(Updates.inc("free", -1), Updates.push("holds", hold)))
                                .getModifiedCount()
                        == 1);
    }

    /** Gives the slot held by {@code holdId} back; a second release of the same hold does nothing. */
    public void release(String mentorId, String holdId) {
        changed(
                mentorId,
                slots.updateOne(
                                        and(eq("_id", mentorId), eq("holds.id", holdId)),
                                        Updates.combine(
                                                Updates.inc("free", 1),
                                                Updates.pull("holds", new Document("id", holdId))))
                                .getModifiedCount()
                        == 1);
    }

    /** Follows a mentor's declared capacity; slots in use stay in use, so free may go below zero until they end. */
    public void setCapacity(String mentorId, int capacity) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Document current = slots.find(eq("_id", mentorId)).first();
            if (current == null) {
                try {
                    slots.insertOne(new Document("_id", mentorId)
                            .append("capacity", capacity)
                            .append("free", capacity)
                            .append("holds", List.of()));
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            int previous = current.getInteger("capacity");
            if (previous == capacity
                    || slots.updateOne(
                                            and(eq("_id", mentorId), eq("capacity", previous)),
                                            Updates.combine(
                                                    Updates.set("capacity", capacity),
                                                    Updates.inc("free", capacity - previous)))
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

    /** Slots in use of every mentor, in one query. */
    public java.util.Map<String, Integer> inUseByMentor() {
        java.util.Map<String, Integer> inUse = new java.util.HashMap<>();
        slots.find()
                .forEach(document -> inUse.put(
                        document.getString("_id"),
                        document.getList("holds", Document.class, List.of()).size()));
        return inUse;
    }

    /** One slot taken: whose, by which proposal ({@code holdId}), since when. */
    public record Hold(String mentorId, String holdId, Instant at) {}

    /** Every slot taken, of every mentor (for the repair of what a crash left behind). */
    public List<Hold> holds() {
        List<Hold> holds = new ArrayList<>();
        slots.find(exists("holds.0")).forEach(document -> document.getList("holds", Document.class, List.of())
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
