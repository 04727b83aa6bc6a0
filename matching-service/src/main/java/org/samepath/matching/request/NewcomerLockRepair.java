package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Status;

/**
 * A newcomer's lock and their request are two documents written one after the other, so a crash between the writes
 * leaves the lock behind: naming a request that was withdrawn, matched or never written, or a match that has ended,
 * and the newcomer would be refused every new request (409) for good. This puts such locks right by deriving them
 * from the requests, through the same conditional updates the live paths use, so it is safe beside them and on
 * several instances. A claim younger than the search grace may still be waiting for its request's first write and is
 * left alone.
 *
 * <p>A pass reads only what changed since the last one ({@link RepairWatermarks}): the locks of newcomers whose
 * requests were written, and the locks claimed, since the watermark. The watermark then moves to the search grace
 * (and a little more) before now, so a claim too young to judge is looked at again by the next pass.
 */
class NewcomerLockRepair {

    private static final int BATCH = 500;
    private static final String WATERMARK = "newcomer-locks";
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final MatchRequestStore store;
    private final NewcomerLocks locks;
    private final MatchingSettings settings;
    private final Clock clock;

    private final RepairWatermarks watermarks;

    NewcomerLockRepair(
            MatchRequestStore store,
            NewcomerLocks locks,
            RepairWatermarks watermarks,
            MatchingSettings settings,
            Clock clock) {
        this.store = store;
        this.locks = locks;
        this.watermarks = watermarks;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return how many locks were put right */
    int repair() {
        Instant now = clock.instant();
        Instant from = watermarks.checkedUpTo(WATERMARK);
        Instant claimedBefore = now.minus(settings.searchGrace());
        Set<String> newcomersOfChangedRequests = new HashSet<>();
        store.changedIn(from, now, include("newcomerId"))
                .forEach(request -> newcomersOfChangedRequests.add(request.getString("newcomerId")));
        int repaired = 0;
        List<Document> held = locks.heldAmong(newcomersOfChangedRequests, from, now);
        for (int start = 0; start < held.size(); start += BATCH) {
            List<Document> batch = held.subList(start, Math.min(start + BATCH, held.size()));
            Map<String, Document> requests = requestsNamedBy(batch);
            for (Document lock : batch) {
                if (repair(lock, requests, claimedBefore)) {
                    repaired++;
                }
            }
        }
        watermarks.advance(WATERMARK, claimedBefore.minus(OVERLAP));
        return repaired;
    }

    private boolean repair(Document lock, Map<String, Document> requests, Instant claimedBefore) {
        String newcomerId = lock.getString("_id");
        String requestId = lock.getString(NewcomerLocks.OPEN_REQUEST);
        if (requestId != null) {
            Document request = requests.get(requestId);
            if (request == null) {
                Date claimedAt = lock.getDate(NewcomerLocks.CLAIMED_AT);
                boolean abandoned = claimedAt == null || claimedAt.toInstant().isBefore(claimedBefore);
                return abandoned && locks.requestClosed(newcomerId, requestId);
            }
            if (Status.valueOf(request.getString("status")).isOpen()) {
                return false;
            }
            Document match = request.get("match", Document.class);
            return isLive(match)
                    ? locks.matched(newcomerId, requestId, match.getString("id"))
                    : locks.requestClosed(newcomerId, requestId);
        }
        String matchId = lock.getString(NewcomerLocks.ACTIVE_MATCH);
        Document request = requests.get(matchId);
        return matchId != null
                && (request == null || !isLive(request.get("match", Document.class)))
                && locks.matchEnded(newcomerId, matchId);
    }

    private static boolean isLive(Document match) {
        return match != null && !MatchStatus.ENDED.name().equals(match.getString("status"));
    }

    /** The requests the locks name, by request id and by match id. */
    private Map<String, Document> requestsNamedBy(List<Document> batch) {
        List<String> requestIds = new ArrayList<>();
        List<String> matchIds = new ArrayList<>();
        for (Document lock : batch) {
            String requestId = lock.getString(NewcomerLocks.OPEN_REQUEST);
            String matchId = lock.getString(NewcomerLocks.ACTIVE_MATCH);
            if (requestId != null) {
                requestIds.add(requestId);
            } else if (matchId != null) {
                matchIds.add(matchId);
            }
        }
        Map<String, Document> named = new HashMap<>();
        store.collection()
                .find(or(in("_id", requestIds), in("match.id", matchIds)))
                .projection(include("status", "match.id", "match.status"))
                .forEach(request -> {
                    named.put(request.getString("_id"), request);
                    Document match = request.get("match", Document.class);
                    if (match != null && match.getString("id") != null) {
                        named.put(match.getString("id"), request);
                    }
                });
        return named;
    }
}
