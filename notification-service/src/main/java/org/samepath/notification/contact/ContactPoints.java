package org.samepath.notification.contact;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.platform.mongo.IdempotentWrites;

/** How to reach each person: the only copy of contact details outside profile-service. */
public class ContactPoints {

    static final String COLLECTION = "contact_points";

    private final MongoCollection<Document> contactPoints;
    private final Clock clock;

    ContactPoints(MongoDatabase database, Clock clock) {
        this.contactPoints = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** @return true when the contact point was newer than what was held and is now stored */
    boolean apply(ContactPointChanged change) {
        Document document = new Document("displayName", change.displayName())
                .append("email", change.email())
                .append("emailOptIn", change.emailOptIn())
                .append("changeEventId", change.eventId())
                .append("appliedAt", Date.from(clock.instant()));
        return IdempotentWrites.replaceIfNewer(contactPoints, change.personId(), change.version(), document);
    }

    /** Erasure: the contact point is gone. */
    void forget(String personId) {
        contactPoints.deleteOne(eq("_id", personId));
    }

    public Optional<Document> find(String personId) {
        return Optional.ofNullable(contactPoints.find(eq("_id", personId)).first());
    }
}
