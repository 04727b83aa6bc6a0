package org.samepath.matching.people;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.platform.events.EventJson;
import org.samepath.platform.mongo.IdempotentWrites;

/**
 * matching-service's read model of people: the matchable attributes of each newcomer and mentor, keyed by their
 * pseudonymous id, with no name and no contact. Fed only by snapshots from profile-service, applied when newer.
 */
public class MatchablePeople {

    static final String COLLECTION = "people";
    static final String ERASURES = "erasures";
    private static final String ERASED_AT = "erasedAt";
    private static final String APPLIED_AT = "appliedAt";

    private final MongoCollection<Document> people;
    private final MongoCollection<Document> erasures;
    private final Clock clock;

    MatchablePeople(MongoDatabase database, Clock clock) {
        this.people = database.getCollection(COLLECTION);
        this.erasures = database.getCollection(ERASURES);
        this.clock = clock;
        // A pool refresh reads the mentors applied since its watermark.
        people.createIndex(Indexes.ascending(APPLIED_AT));
    }

    /**
     * @return the change when the snapshot was newer than what was held and is now stored; a snapshot taken before
     *     the person's erasure (a replay of the topic) never brings them back
     */
    Optional<PersonChanged> apply(MatchableProfileChanged snapshot) {
        Document erasure =
                erasures.find(eq("_id", erasureKey(snapshot.personId()))).first();
        if (erasure != null && !erasure.getDate(ERASED_AT).toInstant().isBefore(snapshot.occurredAt())) {
            return Optional.empty();
        }
        Document previous = people.find(eq("_id", snapshot.personId())).first();
        Document document = Document.parse(EventJson.MAPPER.writeValueAsString(snapshot));
        document.remove("personId");
        document.remove("occurredAt");
        document.remove("eventId");
        document.append("snapshotEventId", snapshot.eventId())
                .append("snapshotAt", Date.from(snapshot.occurredAt()))
                .append(APPLIED_AT, Date.from(clock.instant()));
        if (!IdempotentWrites.replaceIfNewer(people, snapshot.personId(), snapshot.version(), document)) {
            return Optional.empty();
        }
        // What was stored: the document plus the id and version the write added; no need to read it back.
        Document current = new Document(document)
                .append("_id", snapshot.personId())
                .append(IdempotentWrites.VERSION, snapshot.version());
        return Optional.of(new PersonChanged(snapshot.personId(), previous, current));
    }

    /**
     * Whether a tombstone written at {@code erasedAt} still erases the person: not when what is held is newer (a
     * replay of the topic after they signed up again) or they were erased later again.
     */
    boolean erasable(String personId, Instant erasedAt) {
        Document current = people.find(eq("_id", personId)).first();
        if (current != null
                && current.getDate("snapshotAt") != null
                && current.getDate("snapshotAt").toInstant().isAfter(erasedAt)) {
            return false;
        }
        Document earlier = erasures.find(eq("_id", erasureKey(personId))).first();
        return earlier == null || !earlier.getDate(ERASED_AT).toInstant().isAfter(erasedAt);
    }

    /**
     * Erasure: the person is gone from the read model, remembered only as a one-way hash of their id with the time,
     * so that older snapshots of them (a replay of the topic) are never applied again.
     */
    void forget(String personId, Instant erasedAt) {
        erasures.replaceOne(
                eq("_id", erasureKey(personId)),
                new Document(ERASED_AT, Date.from(erasedAt)),
                new ReplaceOptions().upsert(true));
        people.deleteOne(eq("_id", personId));
    }

    private static String erasureKey(String personId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(personId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every mentor, whatever their status, for building and refreshing the in-memory pool. */
    public List<Document> mentors() {
        return people.find(eq("role", "MENTOR")).into(new ArrayList<>());
    }

    /** The mentors whose snapshot was applied at or after {@code since}, through the applied-at index. */
    public List<Document> mentorsChangedSince(Instant since) {
        return people.find(and(gte(APPLIED_AT, Date.from(since)), eq("role", "MENTOR")))
                .into(new ArrayList<>());
    }

    /** The people with the given ids, by id (those unknown are absent). */
    public Map<String, Document> findAll(Collection<String> personIds) {
        Map<String, Document> found = new HashMap<>();
        people.find(in("_id", personIds)).forEach(person -> found.put(person.getString("_id"), person));
        return found;
    }

    public Optional<Document> find(String personId) {
        return Optional.ofNullable(people.find(eq("_id", personId)).first());
    }
}
