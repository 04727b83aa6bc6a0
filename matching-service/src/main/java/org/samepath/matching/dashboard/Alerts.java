package org.samepath.matching.dashboard;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.platform.mongo.IdempotentWrites;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Safety alerts awaiting a coordinator: urgent-support flags and reports, one document per event (keyed by the event
 * id, so a redelivered event raises nothing new). An alert stays on the dashboard until a coordinator acknowledges
 * it; who acknowledged it and when is kept with it, the audit of that action.
 */
public class Alerts {

    static final String COLLECTION = "alerts";

    private final MongoCollection<Document> alerts;
    private final Clock clock;

    Alerts(MongoDatabase database, Clock clock) {
        this.alerts = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public enum Kind {
        URGENT_SUPPORT,
        REPORT
    }

    /**
     * @param personId the newcomer who asked for urgent support, or the person who reported
     * @param subjectId the reported person (reports only)
     */
    public record Alert(
            String id,
            Kind kind,
            String personId,
            String subjectId,
            boolean rematchRequested,
            Instant raisedAt,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String note) {

        public boolean awaitingAcknowledgement() {
            return acknowledgedAt == null;
        }
    }

    /** @return true when this is the first time the event was seen */
    boolean raise(String eventId, Kind kind, String personId, String subjectId, boolean rematch, Instant raisedAt) {
        Document alert = new Document("_id", eventId)
                .append("kind", kind.name())
                .append("personId", personId)
                .append("subjectId", subjectId)
                .append("rematchRequested", rematch)
                .append("raisedAt", Date.from(raisedAt));
        return IdempotentWrites.insertOnce(alerts, alert);
    }

    /**
     * Marks the alert acknowledged by {@code coordinatorId}. Acknowledging again changes nothing and returns the alert
     * as the first coordinator left it, so a double click or two coordinators at once keep one clear record.
     */
    public Alert acknowledge(String alertId, String coordinatorId, String note) {
        alerts.updateOne(
                and(eq("_id", alertId), eq("acknowledgedAt", null)),
                Updates.combine(
                        Updates.set("acknowledgedAt", Date.from(clock.instant())),
                        Updates.set("acknowledgedBy", coordinatorId),
                        Updates.set("note", note)));
        return find(alertId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such alert."));
    }

    public Optional<Alert> find(String alertId) {
        return Optional.ofNullable(alerts.find(eq("_id", alertId)).first()).map(Alerts::fromDocument);
    }

    /** Alerts awaiting acknowledgement (oldest first) and then the most recently acknowledged ones. */
    public List<Alert> recent(int acknowledgedToShow) {
        List<Alert> result = new ArrayList<>();
        alerts.find(eq("acknowledgedAt", null))
                .sort(Sorts.ascending("raisedAt"))
                .forEach(document -> result.add(fromDocument(document)));
        alerts.find(IS_ACKNOWLEDGED)
                .sort(Sorts.descending("acknowledgedAt"))
                .limit(acknowledgedToShow)
                .forEach(document -> result.add(fromDocument(document)));
        return result;
    }

    /** Erasure: alerts about or by the person go with them. */
    void forget(String personId) {
        alerts.deleteMany(or(eq("personId", personId), eq("subjectId", personId)));
    }

    private static final Bson IS_ACKNOWLEDGED = com.mongodb.client.model.Filters.ne("acknowledgedAt", null);

    private static Alert fromDocument(Document document) {
        return new Alert(
                document.getString("_id"),
                Kind.valueOf(document.getString("kind")),
                document.getString("personId"),
                document.getString("subjectId"),
                document.getBoolean("rematchRequested", false),
                instant(document.getDate("raisedAt")),
                instant(document.getDate("acknowledgedAt")),
                document.getString("acknowledgedBy"),
                document.getString("note"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
