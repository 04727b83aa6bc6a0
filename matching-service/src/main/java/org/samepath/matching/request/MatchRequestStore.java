package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.DomainEvent;
import org.samepath.platform.events.EventJson;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;

/**
 * Stores match requests. An update succeeds only against the version it was computed from (optimistic concurrency,
 * safe with several instances) and appends the events it causes to the document's outbox in the same write.
 */
public class MatchRequestStore {

    public static final String COLLECTION = "match_requests";

    private final MongoCollection<Document> requests;
    private final Outbox outbox;
    private final OutboxRelay relay;

    MatchRequestStore(MongoDatabase database, Outbox outbox, OutboxRelay relay) {
        this.requests = database.getCollection(COLLECTION);
        this.outbox = outbox;
        this.relay = relay;
        for (String field :
                List.of("newcomerId", "status", "proposals.id", "proposals.mentorId", "match.id", "match.mentorId")) {
            requests.createIndex(Indexes.ascending(field));
        }
    }

    void insert(MatchRequest request, DomainEvent... events) {
        Document document = toDocument(request);
        document.append(Outbox.FIELD, outbox.entries(events));
        requests.insertOne(document);
        relay.relaySoon(requests, request.id());
    }

    /** Writes {@code after} if the stored request is still {@code before}; false when someone changed it first. */
    boolean update(MatchRequest before, MatchRequest after, DomainEvent... events) {
        Document document = toDocument(after);
        List<Bson> changes = new ArrayList<>();
        document.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("version")) {
                changes.add(Updates.set(field, value));
            }
        });
        changes.add(Updates.set("version", before.version() + 1));
        if (events.length > 0) {
            changes.add(outbox.append(events));
        }
        boolean written = requests.updateOne(
                                and(eq("_id", before.id()), eq("version", before.version())), Updates.combine(changes))
                        .getModifiedCount()
                == 1;
        if (written && events.length > 0) {
            relay.relaySoon(requests, before.id());
        }
        return written;
    }

    /** Publishes the request's outbox now (and deletes it if it was only waiting for that). */
    void relayNow(String id) {
        relay.relay(requests, id);
    }

    public Optional<MatchRequest> find(String id) {
        return Optional.ofNullable(requests.find(eq("_id", id)).first()).map(MatchRequestStore::fromDocument);
    }

    public Optional<MatchRequest> findByProposal(String proposalId) {
        return first(eq("proposals.id", proposalId));
    }

    public Optional<MatchRequest> findByMatch(String matchId) {
        return first(eq("match.id", matchId));
    }

    public List<MatchRequest> findAll(Bson filter) {
        List<MatchRequest> found = new ArrayList<>();
        requests.find(filter).forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    MongoCollection<Document> collection() {
        return requests;
    }

    private Optional<MatchRequest> first(Bson filter) {
        return Optional.ofNullable(requests.find(filter).first()).map(MatchRequestStore::fromDocument);
    }

    static Document toDocument(MatchRequest request) {
        Document document = Document.parse(EventJson.MAPPER.writeValueAsString(request));
        document.put("_id", document.remove("id"));
        return document;
    }

    static MatchRequest fromDocument(Document document) {
        Document copy = new Document(document);
        copy.put("id", copy.remove("_id"));
        copy.remove(Outbox.FIELD);
        return EventJson.MAPPER.convertValue(copy, MatchRequest.class);
    }
}
