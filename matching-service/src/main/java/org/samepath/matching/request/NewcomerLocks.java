package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * One document per newcomer naming their open request and their active match, changed only by conditional updates:
 * the guard that gives a newcomer at most one open request (so at most one pending proposal) and one active match,
 * however many instances and clicks race.
 */
class NewcomerLocks {

    static final String COLLECTION = "newcomers";
    static final String OPEN_REQUEST = "openRequestId";
    static final String ACTIVE_MATCH = "activeMatchId";

    private final MongoCollection<Document> newcomers;

    NewcomerLocks(MongoDatabase database) {
        this.newcomers = database.getCollection(COLLECTION);
    }

    /** Claims the newcomer's single open-request place; false when they have an open request or an active match. */
    boolean claimForRequest(String newcomerId, String requestId) {
        try {
            var result = newcomers.updateOne(
                    and(eq("_id", newcomerId), eq(OPEN_REQUEST, null), eq(ACTIVE_MATCH, null)),
                    Updates.set(OPEN_REQUEST, requestId),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the document exists and its place is taken
            }
            throw e;
        }
    }

    void requestClosed(String newcomerId, String requestId) {
        newcomers.updateOne(and(eq("_id", newcomerId), eq(OPEN_REQUEST, requestId)), Updates.set(OPEN_REQUEST, null));
    }

    void matched(String newcomerId, String requestId, String matchId) {
        newcomers.updateOne(
                and(eq("_id", newcomerId), eq(OPEN_REQUEST, requestId)),
                Updates.combine(Updates.set(OPEN_REQUEST, null), Updates.set(ACTIVE_MATCH, matchId)));
    }

    void matchEnded(String newcomerId, String matchId) {
        newcomers.updateOne(and(eq("_id", newcomerId), eq(ACTIVE_MATCH, matchId)), Updates.set(ACTIVE_MATCH, null));
    }

    void forget(String newcomerId) {
        newcomers.deleteOne(eq("_id", newcomerId));
    }
}
