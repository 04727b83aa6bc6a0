package org.samepath.notification.contact;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.platform.mongo.IdempotentWrites;

/**
 * How to reach each person: the only copy of contact details outside profile-service. Also remembers who was erased,
 * as a one-way hash of the id only, so that events still in flight about them (a proposal withdrawn because of the
 * erasure) cannot bring their id back; a new contact point for the same id (they signed up again) lifts that for what
 * happens from then on, never for events about their erased former self (as a replay of the topics brings back).
 */
public class ContactPoints {

    static final String COLLECTION = "contact_points";
    static final String ERASURES = "erasures";
    private static final String ERASED_AT = "erasedAt";
    private static final String RETURNED_AT = "returnedAt";
    private static final String CHANGED_AT = "changedAt";

    private final MongoCollection<Document> contactPoints;
    private final MongoCollection<Document> erasures;
    private final Clock clock;

    ContactPoints(MongoDatabase database, Clock clock) {
        this.contactPoints = database.getCollection(COLLECTION);
        this.erasures = database.getCollection(ERASURES);
        this.clock = clock;
    }

    /**
     * @return true when the contact point was newer than what was held and is now stored; a change made before the
     *     person's erasure (a replay of the topic) is not
     */
    boolean apply(ContactPointChanged change) {
        Document erasure =
                erasures.find(eq("_id", erasureKey(change.personId()))).first();
        if (erasure != null && !erasure.getDate(ERASED_AT).toInstant().isBefore(change.occurredAt())) {
            return false;
        }
        Document document = new Document("displayName", change.displayName())
                .append("email", change.email())
                .append("emailOptIn", change.emailOptIn())
                .append("changeEventId", change.eventId())
                .append(CHANGED_AT, Date.from(change.occurredAt()))
                .append("appliedAt", Date.from(clock.instant()));
        boolean stored = IdempotentWrites.replaceIfNewer(contactPoints, change.personId(), change.version(), document);
        if (stored && erasure != null && erasure.getDate(RETURNED_AT) == null) {
            erasures.updateOne(
                    eq("_id", erasureKey(change.personId())), Updates.set(RETURNED_AT, Date.from(change.occurredAt())));
        }
        return stored;
    }

    /**
     * Erasure at {@code erasedAt} (when the tombstone was written): the contact point is gone, and the person is
     * remembered as erased (by hash) before anything else. A tombstone older than what is held (a replay of the topic,
     * after the person signed up again or was erased again) erases nothing.
     *
     * @return true when the person was erased
     */
    boolean forget(String personId, Instant erasedAt) {
        Document current = contactPoints.find(eq("_id", personId)).first();
        if (current != null
                && current.getDate(CHANGED_AT) != null
                && current.getDate(CHANGED_AT).toInstant().isAfter(erasedAt)) {
            return false;
        }
        Document earlier = erasures.find(eq("_id", erasureKey(personId))).first();
        if (earlier != null && earlier.getDate(ERASED_AT).toInstant().isAfter(erasedAt)) {
            return false;
        }
        erasures.replaceOne(
                eq("_id", erasureKey(personId)),
                new Document(ERASED_AT, Date.from(erasedAt)),
                new ReplaceOptions().upsert(true));
        contactPoints.deleteOne(eq("_id", personId));
        return true;
    }

    public Optional<Document> find(String personId) {
        return Optional.ofNullable(contactPoints.find(eq("_id", personId)).first());
    }

    /** The contact points of these people, by person id, in one read; the people without one are left out. */
    public Map<String, Document> findAll(Collection<String> personIds) {
        Map<String, Document> found = new HashMap<>();
        if (!personIds.isEmpty()) {
            contactPoints
                    .find(in("_id", Set.copyOf(personIds)))
                    .forEach(contact -> found.put(contact.getString("_id"), contact));
        }
        return found;
    }

    /**
     * Which of these people an event that occurred at {@code eventTime} must not mention: those erased and not back,
     * and those who came back after it (it is about their erased former self).
     */
    public Set<String> erasedAmong(Collection<String> personIds, Instant eventTime) {
        return erasuresOf(personIds).erasedAmong(personIds, eventTime);
    }

    /** The erasure marks of these people, read once, to judge events of different times against. */
    public ErasureMarks erasuresOf(Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return new ErasureMarks(Map.of());
        }
        Map<String, String> byKey = personIds.stream()
                .distinct()
                .collect(Collectors.toMap(ContactPoints::erasureKey, personId -> personId));
        Map<String, Instant> returnedAt = new HashMap<>();
        erasures.find(in("_id", byKey.keySet())).forEach(marker -> {
            Date returned = marker.getDate(RETURNED_AT);
            returnedAt.put(byKey.get(marker.getString("_id")), returned == null ? Instant.MAX : returned.toInstant());
        });
        return new ErasureMarks(returnedAt);
    }

    /** Who among some people was erased, and when each of those came back ({@link Instant#MAX}: not yet). */
    public static final class ErasureMarks {

        private final Map<String, Instant> returnedAt;

        ErasureMarks(Map<String, Instant> returnedAt) {
            this.returnedAt = returnedAt;
        }

        /** Those of {@code personIds} an event that occurred at {@code eventTime} must not mention. */
        public Set<String> erasedAmong(Collection<String> personIds, Instant eventTime) {
            Set<String> erased = new HashSet<>();
            for (String personId : personIds) {
                Instant returned = returnedAt.get(personId);
                if (returned != null && eventTime.isBefore(returned)) {
                    erased.add(personId);
                }
            }
            return erased;
        }
    }

    private static String erasureKey(String personId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(personId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
