package org.samepath.platform.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Arrays;
import java.util.List;
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

    /**
     * {@link #insertOnce} for many documents in one round trip: an unordered insert, so a document an earlier
     * delivery (or an earlier copy in the same list) already stored is refused alone and the others still go in.
     *
     * @return for each document, in order, whether it was inserted now (false: it was there already)
     * @throws MongoBulkWriteException when any document failed for another reason than being there already (the
     *     whole call may then be repeated: what it did insert is refused the second time)
     */
    public static List<Boolean> insertAllOnce(MongoCollection<Document> collection, List<Document> documents) {
        Boolean[] inserted = new Boolean[documents.size()];
        Arrays.fill(inserted, Boolean.TRUE);
        if (documents.isEmpty()) {
            return List.of();
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                inserted[error.getIndex()] = Boolean.FALSE;
            }
        }
        return List.of(inserted);
    }
}
