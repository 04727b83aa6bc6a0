package org.samepath.platform.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * The two ways a consumer makes a redelivered event change nothing, both a single-document write that needs no
 * transaction: a versioned snapshot replaces the stored one only when it is newer, and a side effect is inserted under
 * a natural key (e.g. event id + recipient) whose unique {@code _id} refuses the second copy.
 */
public final class IdempotentWrites {

    public static final String VERSION = "version";

    private IdempotentWrites() {}

    /**
     * Stores {@code snapshot} as the document {@code id} unless one with the same or a newer version is there.
     *
     * @return true when stored, false when it was stale or a duplicate
     */
    public static boolean replaceIfNewer(
            MongoCollection<Document> collection, String id, long version, Document snapshot) {
        Document document = new Document(snapshot).append("_id", id).append(VERSION, version);
        try {
            var result = collection.replaceOne(
                    and(eq("_id", id), lt(VERSION, version)), document, new ReplaceOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            // The document exists with a version >= ours, so the upsert collided on _id: a stale or repeated event.
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Inserts {@code document} once; its {@code _id} is the natural key of the effect.
     *
     * @return true when inserted, false when an earlier delivery already did
     */
    public static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
