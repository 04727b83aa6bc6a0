package org.samepath.notification.inbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.notification.contact.PersonErased;
import org.samepath.platform.mongo.IdempotentWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * The in-app inbox: each person's own notifications plus, for coordinators, the role-wide alerts with a read state
 * per coordinator. A notification is stored once under its natural key, so a redelivered event adds nothing.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final MongoCollection<Document> notifications;
    private final Clock clock;
    private final NotificationStream stream;

    Inbox(MongoDatabase database, Clock clock, NotificationStream stream) {
        this.notifications = database.getCollection(NotificationDocuments.COLLECTION);
        this.clock = clock;
        this.stream = stream;
        try {
            notifications.createIndex(Indexes.compoundIndex(
                    Indexes.ascending(NotificationDocuments.RECIPIENT),
                    Indexes.descending(NotificationDocuments.CREATED_AT)));
            notifications.createIndex(Indexes.compoundIndex(
                    Indexes.ascending(NotificationDocuments.AUDIENCE),
                    Indexes.descending(NotificationDocuments.CREATED_AT)));
            notifications.createIndex(Indexes.ascending(NotificationDocuments.PEOPLE));
        } catch (RuntimeException e) {
            // Indexes only speed reads up; everything works without them until the next start creates them.
            log.warn("Could not create the notifications indexes now: {}", e.toString());
        }
    }

    /** The outcome of delivering a draft: the notification (new or stored by an earlier delivery) and which. */
    public record Delivered(Notification notification, boolean created) {}

    /** A draft made for one event. */
    public record Addressed(String eventId, NotificationDraft draft) {}

    /** Stores the draft once for this event and pushes it to connected readers if it is new. */
    public Delivered deliver(String eventId, NotificationDraft draft) {
        return deliverAll(List.of(new Addressed(eventId, draft))).get(0);
    }

    /**
     * Stores each draft once for its event, all in one write (plus one read of those an earlier delivery stored), and
     * pushes the new ones to connected readers.
     *
     * @return for each draft, in order, its notification and whether it was created now
     */
    public List<Delivered> deliverAll(List<Addressed> drafts) {
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>(drafts.size());
        // An inbox lists newest first, so one reader's notifications of one poll (a request received, then its mentor
        // proposed) must not share a creation time: each gets a millisecond more than the one before it.
        Map<String, Integer> earlierForSameReader = new HashMap<>();
        for (Addressed addressed : drafts) {
            NotificationDraft draft = addressed.draft();
            String reader = draft.recipientId() != null ? draft.recipientId() : "audience:" + draft.audience();
            int earlier = earlierForSameReader.merge(reader, 1, Integer::sum) - 1;
            String id = draft.idFor(addressed.eventId());
            documents.add(NotificationDocuments.of(id, addressed.eventId(), draft, now.plusMillis(earlier)));
        }
        List<Boolean> created = IdempotentWrites.insertAllOnce(notifications, documents);
        Set<Object> storedEarlier = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!created.get(i)) {
                storedEarlier.add(documents.get(i).get("_id"));
            }
        }
        Map<Object, Document> earlier = new HashMap<>();
        if (!storedEarlier.isEmpty()) {
            notifications.find(in("_id", storedEarlier)).forEach(stored -> earlier.put(stored.get("_id"), stored));
        }
        List<Delivered> delivered = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            boolean isNew = created.get(i);
            Document stored = isNew ? document : earlier.getOrDefault(document.get("_id"), document);
            Notification notification = NotificationDocuments.view(stored, null);
            if (isNew) {
                stream.publish(notification);
            }
            delivered.add(new Delivered(notification, isNew));
        }
        return delivered;
    }

    /** Removes notifications (an erasure raced with their creation). */
    public void discardAll(Collection<String> ids) {
        if (!ids.isEmpty()) {
            notifications.deleteMany(in("_id", ids));
        }
    }

    /** A reader's inbox, newest first. */
    InboxPage list(Reader reader, boolean unreadOnly, int page, int size) {
        Bson visible = visibleTo(reader);
        Bson filter = unreadOnly ? and(visible, unreadBy(reader)) : visible;
        List<Notification> items = new ArrayList<>();
        for (Document document : notifications
                .find(filter)
                .sort(Sorts.descending(NotificationDocuments.CREATED_AT, "_id"))
                .skip((int) Math.min((long) page * size, Integer.MAX_VALUE))
                .limit(size)) {
            items.add(NotificationDocuments.view(document, reader.personId()));
        }
        long total = notifications.countDocuments(filter);
        long unread = unreadOnly ? total : notifications.countDocuments(and(visible, unreadBy(reader)));
        return new InboxPage(items, page, size, total, unread);
    }

    /** Marks a notification read for this reader; empty when it is not theirs to see. Idempotent. */
    Optional<Notification> markRead(String id, Reader reader) {
        Document document =
                notifications.find(and(eq("_id", id), visibleTo(reader))).first();
        if (document == null) {
            return Optional.empty();
        }
        Bson update = document.getString(NotificationDocuments.AUDIENCE) != null
                ? Updates.addToSet(NotificationDocuments.READ_BY, reader.personId())
                : Updates.set(NotificationDocuments.READ, true);
        notifications.updateOne(eq("_id", id), update);
        return Optional.ofNullable(notifications.find(eq("_id", id)).first())
                .map(updated -> NotificationDocuments.view(updated, reader.personId()));
    }

    /** Erasure: everything addressed to the person or mentioning them goes, and their read marks on alerts. */
    @EventListener
    void on(PersonErased erased) {
        String personId = erased.personId();
        notifications.deleteMany(
                or(eq(NotificationDocuments.RECIPIENT, personId), eq(NotificationDocuments.PEOPLE, personId)));
        notifications.updateMany(
                eq(NotificationDocuments.READ_BY, personId), Updates.pull(NotificationDocuments.READ_BY, personId));
    }

    private static Bson visibleTo(Reader reader) {
        Bson own = eq(NotificationDocuments.RECIPIENT, reader.personId());
        return reader.coordinator() ? or(own, eq(NotificationDocuments.AUDIENCE, NotificationDraft.COORDINATORS)) : own;
    }

    private static Bson unreadBy(Reader reader) {
        return or(
                and(eq(NotificationDocuments.RECIPIENT, reader.personId()), eq(NotificationDocuments.READ, false)),
                and(
                        eq(NotificationDocuments.AUDIENCE, NotificationDraft.COORDINATORS),
                        ne(NotificationDocuments.READ_BY, reader.personId())));
    }

    /** Who is reading: their person id and whether they see the coordinators' role-wide inbox. */
    record Reader(String personId, boolean coordinator) {}

    /** One page of an inbox: the items, the paging asked for, how many match the filter and how many are unread. */
    record InboxPage(List<Notification> items, int page, int size, long total, long unread) {}
}
