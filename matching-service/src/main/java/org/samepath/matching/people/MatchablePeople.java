package org.samepath.matching.people;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
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

    private final MongoCollection<Document> people;
    private final Clock clock;

    MatchablePeople(MongoDatabase database, Clock clock) {
        this.people = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** @return the change when the snapshot was newer than what was held and is now stored */
    Optional<PersonChanged> apply(MatchableProfileChanged snapshot) {
        Document previous = people.find(eq("_id", snapshot.personId())).first();
        Document document = Document.parse(EventJson.MAPPER.writeValueAsString(snapshot));
        document.remove("personId");
        document.remove("occurredAt");
        document.remove("eventId");
        document.append("snapshotEventId", snapshot.eventId())
                .append("snapshotAt", Date.from(snapshot.occurredAt()))
                .append("appliedAt", Date.from(clock.instant()));
        if (!IdempotentWrites.replaceIfNewer(people, snapshot.personId(), snapshot.version(), document)) {
            return Optional.empty();
        }
        // What was stored: the document plus the id and version the write added; no need to read it back.
        Document current = new Document(document)
                .append("_id", snapshot.personId())
                .append(IdempotentWrites.VERSION, snapshot.version());
        return Optional.of(new PersonChanged(snapshot.personId(), previous, current));
    }

    /** Erasure: the person is gone from the read model. */
    void forget(String personId) {
        people.deleteOne(eq("_id", personId));
    }

    /** Every mentor, whatever their status, for building and refreshing the in-memory pool. */
    public List<Document> mentors() {
        return people.find(eq("role", "MENTOR")).into(new ArrayList<>());
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
