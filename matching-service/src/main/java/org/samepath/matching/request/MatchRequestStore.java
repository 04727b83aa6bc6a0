package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.DomainEvent;
import org.samepath.platform.events.EventJson;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;

/**
 * Stores match requests. An update succeeds only against the version it was computed from (optimistic concurrency,
 * safe with several instances) and appends the events it causes to the document's outbox in the same write.
 *
 * <p>Every write also stores three derived, indexed fields, so that nothing periodic reads the whole collection:
 * {@code dueAt} (when the timer must next look at the request: see {@link DueTimes}), {@code waitlistedSince} (only
 * while waitlisted: the waitlist in waiting order, read from the index in bounded pages) and {@code updatedAt} (the
 * crash repair checks what changed since its last pass).
 */
public class MatchRequestStore {

    public static final String COLLECTION = "match_requests";
    static final String DUE_AT = "dueAt";
    static final String WAITLISTED_SINCE = "waitlistedSince";
    static final String UPDATED_AT = "updatedAt";

    private final MongoCollection<Document> requests;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DueTimes dueTimes;
    private final Clock clock;

    MatchRequestStore(MongoDatabase database, Outbox outbox, OutboxRelay relay, DueTimes dueTimes, Clock clock) {
        this.requests = database.getCollection(COLLECTION);
        this.outbox = outbox;
        this.relay = relay;
        this.dueTimes = dueTimes;
        this.clock = clock;
        for (String field : List.of(
                "newcomerId",
                "status",
                "proposals.id",
                "proposals.mentorId",
                "match.id",
                "match.mentorId",
                DUE_AT,
                WAITLISTED_SINCE,
                UPDATED_AT)) {
            requests.createIndex(Indexes.ascending(field));
        }
    }

    void insert(MatchRequest request, DomainEvent... events) {
        Document document = stored(request);
        outbox.attach(document, events);
        requests.insertOne(document);
        relay.relaySoon(requests, request.id());
    }

    /** Writes {@code after} if the stored request is still {@code before}; false when someone changed it first. */
    boolean update(MatchRequest before, MatchRequest after, DomainEvent... events) {
        Document document = stored(after);
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

    /**
     * Moves the request's due time on without changing the request: a due visit that found nothing to do (a waitlist
     * recheck with nothing new). Guarded by the version, so it never overwrites a due time a real change just set.
     */
    void reschedule(MatchRequest request) {
        requests.updateOne(
                and(eq("_id", request.id()), eq("version", request.version())),
                Updates.set(
                        DUE_AT,
                        dueTimes.dueAt(request, clock.instant()).map(Date::from).orElse(null)));
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

    /** The requests whose due time has come, earliest first, at most {@code limit}: through the due-time index. */
    List<MatchRequest> due(Instant now, int limit) {
        List<MatchRequest> due = new ArrayList<>();
        requests.find(lte(DUE_AT, Date.from(now)))
                .sort(Sorts.ascending(DUE_AT))
                .limit(limit)
                .forEach(document -> due.add(fromDocument(document)));
        return due;
    }

    /**
     * Waitlisted requests in waiting order (longest first), a page at a time through the waitlisted-since index:
     * those waiting since {@code after} or later, skipping the ones already seen at exactly that time.
     */
    List<MatchRequest> waitlistedFrom(Instant after, Set<String> seenAtThatTime, int limit) {
        List<MatchRequest> page = new ArrayList<>();
        requests.find(gte(WAITLISTED_SINCE, Date.from(after)))
                .sort(Sorts.ascending(WAITLISTED_SINCE))
                .limit(limit + seenAtThatTime.size())
                .forEach(document -> {
                    MatchRequest request = fromDocument(document);
                    if (page.size() < limit && !seenAtThatTime.contains(request.id())) {
                        page.add(request);
                    }
                });
        return page;
    }

    /** Requests written in {@code [from, to]}, in the projection the crash repair needs. */
    List<Document> changedIn(Instant from, Instant to, Bson projection) {
        return requests.find(and(gte(UPDATED_AT, Date.from(from)), lte(UPDATED_AT, Date.from(to))))
                .projection(projection)
                .into(new ArrayList<>());
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

    /** The document with the derived fields every write keeps current. */
    private Document stored(MatchRequest request) {
        Instant now = clock.instant();
        Document document = toDocument(request);
        document.put(UPDATED_AT, Date.from(now));
        document.put(DUE_AT, dueTimes.dueAt(request, now).map(Date::from).orElse(null));
        document.put(
                WAITLISTED_SINCE,
                request.status() == MatchRequest.Status.WAITLISTED ? Date.from(request.waitingSince()) : null);
        return document;
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
        copy.remove(Outbox.PENDING_SINCE);
        copy.remove(DUE_AT);
        copy.remove(WAITLISTED_SINCE);
        copy.remove(UPDATED_AT);
        return EventJson.MAPPER.convertValue(copy, MatchRequest.class);
    }
}
