package org.samepath.notification.inbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications collection read in creation order, for {@link StreamPoller}: first only each notification's key
 * (id, time, addressee), from one index, so that reading the same stretch of time again costs a few bytes per
 * notification; then whole documents, by id, only for the few someone connected here is waiting for. Counts what it
 * reads, so tests can tell what a poll costs without timing it.
 */
class NotificationFeed {

    private static final Logger log = LoggerFactory.getLogger(NotificationFeed.class);

    private final MongoCollection<Document> notifications;
    private final AtomicLong keyQueries = new AtomicLong();
    private final AtomicLong keysRead = new AtomicLong();
    private final AtomicLong documentsRead = new AtomicLong();

    NotificationFeed(MongoDatabase database) {
        this.notifications = database.getCollection(NotificationDocuments.COLLECTION);
        try {
            // Holds everything a key read asks for, so on MongoDB that read never touches the documents.
            notifications.createIndex(Indexes.ascending(
                    NotificationDocuments.CREATED_AT,
                    "_id",
                    NotificationDocuments.RECIPIENT,
                    NotificationDocuments.AUDIENCE));
        } catch (RuntimeException e) {
            // An index only speeds reads up; everything works without it until the next start creates it.
            log.warn("Could not create the notification feed index now: {}", e.toString());
        }
    }

    /** A notification's place in creation order and whom it is for. */
    record Key(String id, Instant createdAt, String recipientId, boolean roleWide) {}

    /** The first {@code limit} keys created at or after {@code since}, oldest first. */
    List<Key> keysSince(Instant since, int limit) {
        return keys(gte(NotificationDocuments.CREATED_AT, Date.from(since)), limit);
    }

    /** The {@code limit} keys that follow {@code last} in creation order (time, then id: many share a millisecond). */
    List<Key> keysAfter(Key last, int limit) {
        Date at = Date.from(last.createdAt());
        return keys(
                or(
                        gt(NotificationDocuments.CREATED_AT, at),
                        and(eq(NotificationDocuments.CREATED_AT, at), gt("_id", last.id()))),
                limit);
    }

    /** The notifications with these ids, in the order given (one erased meanwhile is simply not there). */
    List<Notification> load(List<String> ids) {
        Map<String, Notification> byId = new HashMap<>();
        notifications
                .find(in("_id", ids))
                .forEach(document -> byId.put(document.getString("_id"), NotificationDocuments.view(document, null)));
        documentsRead.addAndGet(byId.size());
        List<Notification> found = new ArrayList<>(byId.size());
        for (String id : ids) {
            Notification notification = byId.get(id);
            if (notification != null) {
                found.add(notification);
            }
        }
        return found;
    }

    long keyQueries() {
        return keyQueries.get();
    }

    long keysRead() {
        return keysRead.get();
    }

    long documentsRead() {
        return documentsRead.get();
    }

    private List<Key> keys(Bson filter, int limit) {
        List<Key> keys = new ArrayList<>();
        notifications
                .find(filter)
                .projection(Projections.include(
                        NotificationDocuments.CREATED_AT,
                        NotificationDocuments.RECIPIENT,
                        NotificationDocuments.AUDIENCE))
                .sort(Sorts.ascending(NotificationDocuments.CREATED_AT, "_id"))
                .limit(limit)
                .forEach(document -> keys.add(new Key(
                        document.getString("_id"),
                        document.getDate(NotificationDocuments.CREATED_AT).toInstant(),
                        document.getString(NotificationDocuments.RECIPIENT),
                        document.getString(NotificationDocuments.AUDIENCE) != null)));
        keyQueries.incrementAndGet();
        keysRead.addAndGet(keys.size());
        return keys;
    }
}
