package org.samepath.notification.inbox;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.samepath.notification.inbox.NotificationDraft.SharedContact;

/** The stored shape of a notification in the {@code notifications} collection. */
final class NotificationDocuments {

    static final String COLLECTION = "notifications";
    static final String RECIPIENT = "recipientId";
    static final String AUDIENCE = "audience";
    static final String PEOPLE = "people";
    static final String CREATED_AT = "createdAt";
    /** Read flag of a person's own notification. */
    static final String READ = "read";
    /** Who of a role-wide audience has read it. */
    static final String READ_BY = "readBy";

    private NotificationDocuments() {}

    static Document of(String id, String eventId, NotificationDraft draft, Instant createdAt) {
        Document document = new Document("_id", id)
                .append("eventId", eventId)
                .append("type", draft.type().name())
                .append("title", draft.title())
                .append("body", draft.body());
        if (draft.recipientId() != null) {
            document.append(RECIPIENT, draft.recipientId()).append(READ, false);
        } else {
            document.append(AUDIENCE, draft.audience()).append(READ_BY, List.of());
        }
        putIfPresent(document, "requestId", draft.related().requestId());
        putIfPresent(document, "proposalId", draft.related().proposalId());
        putIfPresent(document, "matchId", draft.related().matchId());
        putIfPresent(document, "reportId", draft.related().reportId());
        if (draft.contact() != null) {
            Document contact = new Document("personId", draft.contact().personId());
            putIfPresent(contact, "displayName", draft.contact().displayName());
            putIfPresent(contact, "email", draft.contact().email());
            document.append("contact", contact);
        }
        return document.append(PEOPLE, draft.people()).append(CREATED_AT, Date.from(createdAt));
    }

    /** The notification as {@code readerId} sees it. */
    static Notification view(Document document, String readerId) {
        boolean roleWide = document.getString(AUDIENCE) != null;
        boolean read = roleWide
                ? document.getList(READ_BY, String.class, List.of()).contains(readerId)
                : document.getBoolean(READ, false);
        Document contact = document.get("contact", Document.class);
        return new Notification(
                document.getString("_id"),
                document.getString(RECIPIENT),
                document.getString(AUDIENCE),
                NotificationType.valueOf(document.getString("type")),
                document.getString("title"),
                document.getString("body"),
                document.getString("requestId"),
                document.getString("proposalId"),
                document.getString("matchId"),
                document.getString("reportId"),
                contact == null
                        ? null
                        : new SharedContact(
                                contact.getString("personId"),
                                contact.getString("displayName"),
                                contact.getString("email")),
                document.getList(PEOPLE, String.class, List.of()),
                document.getDate(CREATED_AT).toInstant(),
                read);
    }

    private static void putIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
