package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

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
        newcomers.createIndex(Indexes.ascending(CLAIMED_AT));
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

    /**
     * The locks, of these newcomers or claimed in {@code [from, to]}, that name an open request or an active match: what
     * the repair checks, found by id and through the claimed-at index.
     */
    List<Document> heldAmong(Collection<String> newcomerIds, Instant from, Instant to) {
        Bson claimedInWindow = and(gte(CLAIMED_AT, Date.from(from)), lte(CLAIMED_AT, Date.from(to)));
        Bson candidates = newcomerIds.isEmpty() ? claimedInWindow : or(in("_id", newcomerIds), claimedInWindow);
        List<Document> held = new ArrayList<>();
        newcomers.find(candidates).forEach(lock -> {
            if (lock.getString(OPEN_REQUEST) != null || lock.getString(ACTIVE_MATCH) != null) {
                held.add(lock);
            }
        });
        return held;
    }

    void forget(String newcomerId) {
        newcomers.deleteOne(eq("_id", newcomerId));
    }
}
