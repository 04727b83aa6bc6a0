package org.samepath.profile.safety;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.profile.access.ViewingGrants;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Urgent support and reports. Each is one document written together with its event (outbox), so an alert can never
 * be lost between the request and the coordinators. A report's words stay here; the event carries ids only.
 */
public class SafetyDesk {

    static final String SUPPORT_REQUESTS = "support_requests";
    static final String REPORTS = "reports";

    private final MongoCollection<Document> supportRequests;
    private final MongoCollection<Document> reports;
    private final ViewingGrants grants;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    SafetyDesk(MongoDatabase database, ViewingGrants grants, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.supportRequests = database.getCollection(SUPPORT_REQUESTS);
        this.reports = database.getCollection(REPORTS);
        this.grants = grants;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    String requestSupport(String newcomerId) {
        Instant now = clock.instant();
        String id = "sr-" + UUID.randomUUID();
        UrgentSupportRequested event =
                new UrgentSupportRequested(UUID.randomUUID().toString(), newcomerId, now);
        supportRequests.insertOne(outbox.attach(
                new Document("_id", id).append("newcomerId", newcomerId).append("requestedAt", Date.from(now)), event));
        relay.relaySoon(supportRequests, id);
        return id;
    }

    /** Either side of a proposal or match reports the other; 404 for anyone they are not paired with. */
    String report(String reporterId, String subjectId, String reason, boolean rematch) {
        if (!grants.paired(reporterId, subjectId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no proposal or match with this person.");
        }
        Instant now = clock.instant();
        String id = "rep-" + UUID.randomUUID();
        PersonReported event =
                new PersonReported(UUID.randomUUID().toString(), id, reporterId, subjectId, now, rematch);
        reports.insertOne(outbox.attach(
                new Document("_id", id)
                        .append("reporterId", reporterId)
                        .append("subjectId", subjectId)
                        .append("reason", reason)
                        .append("reportedAt", Date.from(now)),
                event));
        // Blocked for good from this moment: neither sees the other's profile any more.
        grants.forgetPair(reporterId, subjectId);
        relay.relaySoon(reports, id);
        return id;
    }

    /** Erasure: their support requests and every report they are part of, once any pending alert is out. */
    public void forget(String personId) {
        erase(supportRequests, eq("newcomerId", personId));
        erase(reports, or(eq("reporterId", personId), eq("subjectId", personId)));
    }

    private void erase(MongoCollection<Document> collection, Bson filter) {
        collection.updateMany(filter, Updates.set(Outbox.DELETE_WHEN_PUBLISHED, true));
        collection.deleteMany(Filters.and(filter, Filters.exists(Outbox.FIELD + ".0", false)));
        collection.find(filter).forEach(document -> relay.relay(collection, document.get("_id")));
    }
}
