package org.samepath.matching.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.testsupport.TestInfrastructure;

/**
 * A crash between a request's write and its newcomer lock's write (withdraw, accept, end of a match, or a submit that
 * died before its request was stored) leaves the lock behind the request. Each case is set up here as the crash
 * leaves it, and the repair must put the lock right so the newcomer can ask again, without touching a lock that
 * agrees with its request or a claim whose request may still be on its way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewcomerLockRepairTests {

    private static final Duration SEARCH_GRACE = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private MongoClient mongo;
    private MatchRequestStore store;
    private NewcomerLocks locks;
    private NewcomerLockRepair repair;

    @BeforeAll
    void database() {
        String name = "lock_repair_tests_" + UUID.randomUUID().toString().substring(0, 8);
        mongo = MongoClients.create(TestInfrastructure.shared().mongoUri(name));
        MongoDatabase database = mongo.getDatabase(name);
        MatchingSettings settings = new MatchingSettings(
                Duration.ofHours(72), Duration.ofSeconds(5), SEARCH_GRACE, Duration.ofHours(6), 200, 200, 10);
        store = RequestStores.withoutRelay(database, settings, clock);
        locks = new NewcomerLocks(database, clock);
        repair = new NewcomerLockRepair(store, locks, new RepairWatermarks(database), settings, clock);
    }

    @AfterAll
    void close() {
        mongo.close();
    }

    @Test
    void aClaimWhoseRequestWasNeverWrittenIsReleasedOnceTheGraceHasPassed() {
        String newcomer = newId();
        assertThat(locks.claimForRequest(newcomer, "r-lost-" + newcomer)).isTrue();

        clock.advance(SEARCH_GRACE.minusSeconds(1));
        repair.repair();
        assertThat(locks.claimForRequest(newcomer, "r-second-" + newcomer))
                .as("within the grace the request may still be on its way")
                .isFalse();

        clock.advance(Duration.ofSeconds(2));
        repair.repair();
        assertThat(locks.claimForRequest(newcomer, "r-second-" + newcomer)).isTrue();
    }

    @Test
    void aLockLeftOnAWithdrawnRequestIsReleased() {
        String newcomer = newId();
        String requestId = claimAndStore(newcomer, Status.WITHDRAWN, null);

        repair.repair();

        assertThat(lockOf(newcomer).getString(NewcomerLocks.OPEN_REQUEST)).isNull();
        assertThat(locks.claimForRequest(newcomer, requestId + "-next")).isTrue();
    }

    @Test
    void aLockLeftOnAnAcceptedRequestMovesToItsMatch() {
        String newcomer = newId();
        String requestId = claimAndStore(newcomer, Status.MATCHED, MatchStatus.ACTIVE);

        repair.repair();

        assertThat(lockOf(newcomer).getString(NewcomerLocks.OPEN_REQUEST)).isNull();
        assertThat(lockOf(newcomer).getString(NewcomerLocks.ACTIVE_MATCH)).isEqualTo("m-" + requestId);
        assertThat(locks.claimForRequest(newcomer, requestId + "-next"))
                .as("one mentor at a time")
                .isFalse();
    }

    @Test
    void aLockLeftOnAnEndedMatchIsReleased() {
        String newcomer = newId();
        String requestId = claimAndStore(newcomer, Status.CLOSED, MatchStatus.ENDED);
        locks.matched(newcomer, requestId, "m-" + requestId);

        repair.repair();

        assertThat(lockOf(newcomer).getString(NewcomerLocks.ACTIVE_MATCH)).isNull();
        assertThat(locks.claimForRequest(newcomer, requestId + "-next")).isTrue();
    }

    @Test
    void aLockLeftOnARequestWhoseMatchHasSinceEndedIsReleased() {
        String newcomer = newId();
        String requestId = claimAndStore(newcomer, Status.CLOSED, MatchStatus.ENDED);

        repair.repair();

        assertThat(lockOf(newcomer).getString(NewcomerLocks.OPEN_REQUEST)).isNull();
        assertThat(lockOf(newcomer).getString(NewcomerLocks.ACTIVE_MATCH)).isNull();
        assertThat(locks.claimForRequest(newcomer, requestId + "-next")).isTrue();
    }

    @Test
    void locksThatAgreeWithTheirRequestsAndFreshClaimsAreLeftAlone() {
        String searching = newId();
        claimAndStore(searching, Status.SEARCHING, null);
        String matched = newId();
        String matchedRequest = claimAndStore(matched, Status.MATCHED, MatchStatus.PAUSED);
        locks.matched(matched, matchedRequest, "m-" + matchedRequest);
        clock.advance(SEARCH_GRACE.multipliedBy(2));
        String freshClaim = newId();
        locks.claimForRequest(freshClaim, "r-on-its-way-" + freshClaim);
        List<Document> before = List.of(lockOf(searching), lockOf(matched), lockOf(freshClaim));

        repair.repair();

        assertThat(List.of(lockOf(searching), lockOf(matched), lockOf(freshClaim)))
                .isEqualTo(before);
    }

    /** The newcomer's claim and their request as a crash left them: the request written, the lock not. */
    private String claimAndStore(String newcomer, Status status, MatchStatus matchStatus) {
        String requestId = "r-" + newcomer;
        assertThat(locks.claimForRequest(newcomer, requestId)).isTrue();
        Instant now = clock.instant();
        Match match = matchStatus == null
                ? null
                : new Match("m-" + requestId, requestId + "-p1", "mentor-1", matchStatus, now, null, null, null);
        store.insert(new MatchRequest(
                requestId, newcomer, status, null, now, now, 3, List.of(), match, List.of(), List.of(), List.of()));
        return requestId;
    }

    private Document lockOf(String newcomer) {
        Document lock = mongo.getDatabase(store.collection().getNamespace().getDatabaseName())
                .getCollection(NewcomerLocks.COLLECTION)
                .find(new Document("_id", newcomer))
                .first();
        assertThat(lock).isNotNull();
        return lock;
    }

    private static String newId() {
        return "n-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A clock the tests move on by hand. */
    static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
