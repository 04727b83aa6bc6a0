package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One document per newcomer naming their open request and their active match, changed only by conditional updates:
 * the guard that gives a newcomer at most one open request (so at most one pending proposal) and one active match,
 * however many instances and clicks race. It is written apart from the request, so a crash between the two writes
 * leaves it behind; {@link NewcomerLockRepair} puts it right.
 */
class NewcomerLocks {

    static final String COLLECTION = "newcomers";
    static final String OPEN_REQUEST = "openRequestId";
    static final String ACTIVE_MATCH = "activeMatchId";
    static final String CLAIMED_AT = "claimedAt";

    private final MongoCollection<Document> newcomers;
    private final Clock clock;

    NewcomerLocks(MongoDatabase database, Clock clock) {
        this.newcomers = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Claims the newcomer's single open-request place; false when they have an open request or an active match. */
    boolean claimForRequest(String newcomerId, String requestId) {
        try {
            var result = newcomers.updateOne(
                    and(eq("_id", newcomerId), eq(OPEN_REQUEST, null), eq(ACTIVE_MATCH, null)),
                    Updates.combine(
                            Updates.set(OPEN_REQUEST, requestId), Updates.set(CLAIMED_AT, Date.from(clock.instant()))),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the document exists and its place is taken
            }
            throw e;
        }
    }

    /** @return true when the lock named this request and now names nothing */
    boolean requestClosed(String newcomerId, String requestId) {
        return newcomers
                        .updateOne(
                                and(eq("_id", newcomerId), eq(OPEN_REQUEST, requestId)),
                                Updates.set(OPEN_REQUEST, null))
                        .getModifiedCount()
                == 1;
    }

    /** @return true when the lock named this request and now names its match */
    boolean matched(String newcomerId, String requestId, String matchId) {
        return newcomers
                        .updateOne(
                                and(eq("_id", newcomerId), eq(OPEN_REQUEST, requestId)),
                                Updates.combine(Updates.set(OPEN_REQUEST, null), Updates.set(ACTIVE_MATCH, matchId)))
                        .getModifiedCount()
                == 1;
    }

    /** @return true when the lock named this match and now names nothing */
    boolean matchEnded(String newcomerId, String matchId) {
        return newcomers
                        .updateOne(
                                and(eq("_id", newcomerId), eq(ACTIVE_MATCH, matchId)), Updates.set(ACTIVE_MATCH, null))
                        .getModifiedCount()
                == 1;
    }

    /** The locks that name an open request or an active match. */
    List<Document> held() {
        return newcomers
                .find(or(ne(OPEN_REQUEST, null), ne(ACTIVE_MATCH, null)))
                .into(new ArrayList<>());
    }

    void forget(String newcomerId) {
        newcomers.deleteOne(eq("_id", newcomerId));
    }
}
