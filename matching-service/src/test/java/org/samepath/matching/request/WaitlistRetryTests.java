package org.samepath.matching.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.matching.request.DueRequestsTests.DocumentsRead;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.NewcomerLockRepairTests.SettableClock;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.testsupport.TestInfrastructure;

/**
 * A freed slot retries the waitlist for that mentor only: the waiting requests are read longest waiting first, a
 * bounded page at a time, the fairness rule picks whom the mentor can serve, and only that request is searched again.
 * Reads are counted from what the database sends back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitlistRetryTests {

    private static final MatchingSettings SETTINGS = new MatchingSettings(
            Duration.ofHours(72), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(6), 50, 100, 3);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-04-01T10:00:00Z"));
    private final DocumentsRead read = new DocumentsRead();
    private final ServesOnly search = new ServesOnly();
    private MongoClient mongo;
    private MatchRequestStore store;
    private WaitlistRetry retry;

    @BeforeAll
    void database() {
        String name = "waitlist_retry_tests_" + UUID.randomUUID().toString().substring(0, 8);
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(TestInfrastructure.shared().mongoUri(name)))
                .addCommandListener(read)
                .build());
        MongoDatabase database = mongo.getDatabase(name);
        store = RequestStores.withoutRelay(database, SETTINGS, clock);
        Matchmaker matchmaker = new Matchmaker(store, search, new MentorSlots(database, clock), SETTINGS, clock);
        retry = new WaitlistRetry(store, matchmaker, search, SETTINGS, null, clock);
        // 250 waiting, a second apart, none of whom the freed mentor can serve ...
        for (int i = 0; i < 250; i++) {
            store.insert(waitlisted("n-other-" + i));
        }
    }

    @AfterAll
    void close() {
        mongo.close();
    }

    @Test
    void theLongestWaitingNewcomerTheMentorCanServeIsSearchedAgainAndNobodyElse() {
        MatchRequest later = waitlisted("n-servable-later");
        MatchRequest earlier = waitlistedEarlierThanEveryone("n-servable-earlier");
        store.insert(later);
        store.insert(earlier);
        search.servable = Set.of("n-servable-earlier", "n-servable-later");

        read.reset();
        int waitingRead = retry.serveFromWaitlist(Set.of("mentor-1"));

        assertThat(search.searchedFor).containsExactly("n-servable-earlier");
        assertThat(waitingRead)
                .as("the first page only: once the mentor's one slot is taken, nothing more is read")
                .isEqualTo(SETTINGS.waitlistPageSize());
        assertThat(read.from(MatchRequestStore.COLLECTION))
                .as("what the database sent")
                .isEqualTo(SETTINGS.waitlistPageSize());
        assertThat(store.find(later.id()).orElseThrow().version()).isEqualTo(later.version());
    }

    @Test
    void aMentorWhoCanServeNobodyReadsAtMostThePagesAllowedForOneChange() {
        search.servable = Set.of();
        search.searchedFor.clear();
        for (int i = 0; i < 100; i++) {
            store.insert(waitlisted("n-more-" + i));
        }

        read.reset();
        int waitingRead = retry.serveFromWaitlist(Set.of("mentor-1"));

        assertThat(waitingRead).isEqualTo(SETTINGS.waitlistPagesPerChange() * SETTINGS.waitlistPageSize());
        assertThat(search.searchedFor).isEmpty();
    }

    private MatchRequest waitlisted(String newcomerId) {
        clock.advance(Duration.ofSeconds(1));
        return waitlistedAt(newcomerId, clock.instant());
    }

    private MatchRequest waitlistedEarlierThanEveryone(String newcomerId) {
        return waitlistedAt(newcomerId, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static MatchRequest waitlistedAt(String newcomerId, Instant since) {
        return new MatchRequest(
                "r-" + UUID.randomUUID(),
                newcomerId,
                Status.WAITLISTED,
                null,
                since,
                since,
                1,
                List.of(),
                null,
                List.of("every compatible mentor is busy right now"),
                List.of(),
                List.of());
    }

    /** A mentor who can serve only the named newcomers; records whose search ran. */
    private static final class ServesOnly implements MentorSearch {

        volatile Set<String> servable = Set.of();
        final List<String> searchedFor = new ArrayList<>();
        private final Set<String> proposed = ConcurrentHashMap.newKeySet();

        @Override
        public Search search(String newcomerId, Collection<String> alreadyTried, Instant now) {
            searchedFor.add(newcomerId);
            proposed.add(newcomerId);
            return new Search(List.of(), Map.of(), List.of("every compatible mentor is busy right now"), "test");
        }

        @Override
        public Search search(Document newcomer, Collection<String> alreadyTried, Instant now) {
            return search(newcomer.getString("_id"), alreadyTried, now);
        }

        @Override
        public Assessment assess(String newcomerId, String mentorId, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> servableBy(Collection<String> mentorIds, List<Waiting> waiting, Instant now) {
            return waiting.stream()
                    .filter(request -> servable.contains(request.newcomerId()))
                    .filter(request -> !proposed.contains(request.newcomerId()))
                    .sorted(java.util.Comparator.comparing(Waiting::waitingSince))
                    .map(Waiting::requestId)
                    .toList();
        }

        @Override
        public boolean canTakeANewcomer(String mentorId) {
            return proposed.stream().noneMatch(servable::contains); // one free slot, until someone is proposed
        }
    }
}
