package org.samepath.profile.audit;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One change to a profile: who, when, what kind, and the NAMES of the fields that changed, never their values, so
 * the trail holds nothing sensitive. Kept inside the profile document, written in the same update as the change, so
 * no change goes unrecorded; erasure removes it with the profile.
 */
public record AuditEntry(Instant at, String actorId, String actorRole, String action, List<String> fields) {

    public static final String FIELD = "audit";

    public Document toDocument() {
        return new Document("at", Date.from(at))
                .append("actorId", actorId)
                .append("actorRole", actorRole)
                .append("action", action)
                .append("fields", fields);
    }

    public static AuditEntry from(Document document) {
        return new AuditEntry(
                document.getDate("at").toInstant(),
                document.getString("actorId"),
                document.getString("actorRole"),
                document.getString("action"),
                document.getList("fields", String.class, List.of()));
    }

    public static AuditEntry of(Actor actor, String action, List<String> fields, Instant at) {
        return new AuditEntry(at, actor.personId(), actor.role(), action, List.copyOf(fields));
    }
}
