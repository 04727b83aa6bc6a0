package org.samepath.notification.contact;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
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
 * erasure) cannot bring their id back; a new contact point for the same id (they signed up again) lifts that.
 */
public class ContactPoints {

    static final String COLLECTION = "contact_points";
    static final String ERASURES = "erasures";

    private final MongoCollection<Document> contactPoints;
    private final MongoCollection<Document> erasures;
    private final Clock clock;

    ContactPoints(MongoDatabase database, Clock clock) {
        this.contactPoints = database.getCollection(COLLECTION);
        this.erasures = database.getCollection(ERASURES);
        this.clock = clock;
    }

    /** @return true when the contact point was newer than what was held and is now stored */
    boolean apply(ContactPointChanged change) {
        Document document = new Document("displayName", change.displayName())
                .append("email", change.email())
                .append("emailOptIn", change.emailOptIn())
                .append("changeEventId", change.eventId())
                .append("appliedAt", Date.from(clock.instant()));
        boolean stored = IdempotentWrites.replaceIfNewer(contactPoints, change.personId(), change.version(), document);
        if (stored) {
            erasures.deleteOne(eq("_id", erasureKey(change.personId())));
        }
        return stored;
    }

    /** Erasure: the contact point is gone, and the person is remembered as erased (by hash) before anything else. */
    void forget(String personId) {
        erasures.replaceOne(
                eq("_id", erasureKey(personId)),
                new Document("erasedAt", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
        contactPoints.deleteOne(eq("_id", personId));
    }

    public Optional<Document> find(String personId) {
        return Optional.ofNullable(contactPoints.find(eq("_id", personId)).first());
    }

    /** Which of these people have been erased. */
    public Set<String> erasedAmong(Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byKey = personIds.stream()
                .distinct()
                .collect(Collectors.toMap(ContactPoints::erasureKey, personId -> personId));
        Set<String> erased = new HashSet<>();
        erasures.find(in("_id", byKey.keySet())).forEach(marker -> erased.add(byKey.get(marker.getString("_id"))));
        return erased;
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
