package org.samepath.matching.history;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * What happened between a newcomer and a mentor that keeps them apart: blocked for good (a report), ended (never
 * proposed again), or a decline, which keeps them apart for a cool-down. One document per pair.
 */
public class PairHistory {

    public static final String COLLECTION = "pair_history";

    private final MongoCollection<Document> pairs;

    PairHistory(MongoDatabase database) {
        this.pairs = database.getCollection(COLLECTION);
        // Read on every search: an index on real MongoDB (the stand-in accepts and ignores it).
        pairs.createIndex(Indexes.ascending("newcomerId"));
        pairs.createIndex(Indexes.ascending("mentorId"));
    }

    /** Everything one newcomer's search must respect. */
    public record Exclusions(Set<String> blocked, Set<String> ended, Map<String, Instant> declinedAt) {}

    private static final Exclusions NONE = new Exclusions(Set.of(), Set.of(), Map.of());

    public void blocked(String newcomerId, String mentorId) {
        mark(newcomerId, mentorId, "blocked", true);
    }

    public void ended(String newcomerId, String mentorId) {
        mark(newcomerId, mentorId, "ended", true);
    }

    public void declined(String newcomerId, String mentorId, Instant at) {
        mark(newcomerId, mentorId, "declinedAt", Date.from(at));
    }

    public Exclusions of(String newcomerId) {
        return ofAll(List.of(newcomerId)).getOrDefault(newcomerId, NONE);
    }

    /** Everything these newcomers' searches must respect, in one query; a newcomer with no history is absent. */
    public Map<String, Exclusions> ofAll(Collection<String> newcomerIds) {
        Map<String, Exclusions> byNewcomer = new HashMap<>();
        if (newcomerIds.isEmpty()) {
            return byNewcomer;
        }
        for (Document pair : pairs.find(in("newcomerId", newcomerIds))) {
            Exclusions of = byNewcomer.computeIfAbsent(
                    pair.getString("newcomerId"),
                    id -> new Exclusions(new HashSet<>(), new HashSet<>(), new HashMap<>()));
            String mentorId = pair.getString("mentorId");
            if (pair.getBoolean("blocked", false)) {
                of.blocked().add(mentorId);
            }
            if (pair.getBoolean("ended", false)) {
                of.ended().add(mentorId);
            }
            if (pair.getDate("declinedAt") != null) {
                of.declinedAt().put(mentorId, pair.getDate("declinedAt").toInstant());
            }
        }
        return byNewcomer;
    }

    /** Erasure: every pair the person is part of. */
    public void forget(String personId) {
        pairs.deleteMany(or(eq("newcomerId", personId), eq("mentorId", personId)));
    }

    private void mark(String newcomerId, String mentorId, String field, Object value) {
        pairs.updateOne(
                eq("_id", newcomerId + "|" + mentorId),
                Updates.combine(
                        Updates.setOnInsert("newcomerId", newcomerId),
                        Updates.setOnInsert("mentorId", mentorId),
                        Updates.set(field, value)),
                new UpdateOptions().upsert(true));
    }
}
