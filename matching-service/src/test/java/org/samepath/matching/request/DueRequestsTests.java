package org.samepath.matching.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.NewcomerLockRepairTests.SettableClock;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.testsupport.TestInfrastructure;

/**
 * The matching timer reads only what is due. Proven by counting the documents the database sends back for each tick
 * (a command listener on the driver), with a collection full of requests that are not due: closed ones, proposals far
 * from their reminder, waitlisted ones between rechecks, and a search a live request still owns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DueRequestsTests {

    private static final String NOBODY_FITS = "no approved mentor speaks Tuvaluan";
    private static final MatchingSettings SETTINGS = new MatchingSettings(
            Duration.ofHours(72), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(6), 50, 200, 10);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final DocumentsRead read = new DocumentsRead();
    private MongoClient mongo;
    private MatchRequestStore store;
    private DueRequests timer;

    @BeforeAll
    void database() {
        String name = "due_requests_tests_" + UUID.randomUUID().toString().substring(0, 8);
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(TestInfrastructure.shared().mongoUri(name)))
                .addCommandListener(read)
                .build());
        MongoDatabase database = mongo.getDatabase(name);
        store = RequestStores.withoutRelay(database, SETTINGS, clock);
        MentorSlots slots = new MentorSlots(database, clock);
        Matchmaker matchmaker = new Matchmaker(store, new NobodyFits(), slots, SETTINGS, clock);
        ProposalResponses responses = new ProposalResponses(store, null, matchmaker, slots, null, clock);
        timer = new DueRequests(store, responses, matchmaker, SETTINGS, clock);
    }

    @AfterAll
    void close() {
        mongo.close();
    }

    @Test
    void aTickReadsTheDueRequestsAndNothingElse() {
        timer.tick(); // anything an earlier test left due
        Instant now = clock.instant();
        for (int i = 0; i < 300; i++) {
            store.insert(request(Status.MATCHED, now, ProposalState.ACCEPTED));
        }
        for (int i = 0; i < 150; i++) {
            store.insert(request(Status.PROPOSED, now, ProposalState.PENDING));
        }
        for (int i = 0; i < 60; i++) {
            store.insert(waitlisted());
        }
        List<String> reminderDue = List.of(remindable(), remindable(), remindable());

        read.reset();
        int visited = timer.tick();

        assertThat(visited).isEqualTo(3);
        assertThat(read.from(MatchRequestStore.COLLECTION))
                .as("documents the database sent")
                .isEqualTo(3);
        assertThat(reminderDue).allSatisfy(id -> assertThat(store.find(id)
                        .orElseThrow()
                        .pendingProposal()
                        .orElseThrow()
                        .reminderSent())
                .isTrue());
        read.reset();
        assertThat(timer.tick()).isZero();
        assertThat(read.from(MatchRequestStore.COLLECTION)).isZero();
    }

    @Test
    void aSearchALiveRequestOwnsIsLeftToItUntilTheSearchGraceHasPassed() {
        timer.tick();
        MatchRequest searching = request(Status.SEARCHING, clock.instant(), ProposalState.NONE);
        store.insert(searching);

        assertThat(timer.tick()).isZero();
        clock.advance(SETTINGS.searchGrace().plusSeconds(1));
        assertThat(timer.tick()).as("a search a crash left unfinished").isEqualTo(1);

        MatchRequest after = store.find(searching.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.WAITLISTED);
        assertThat(after.waitlistReasons()).containsExactly(NOBODY_FITS);
    }

    @Test
    void aWaitlistedRequestIsRecheckedOnlyWhenItsRecheckIsDueAndThenNotAgainForAWhile() {
        timer.tick();
        MatchRequest waiting = waitlisted();
        store.insert(waiting);

        assertThat(timer.tick()).isZero();
        clock.advance(SETTINGS.waitlistRecheck().plusSeconds(1));
        read.reset();
        assertThat(timer.tick()).as("the recheck, which finds nothing new").isGreaterThanOrEqualTo(1);
        read.reset();

        assertThat(timer.tick()).as("rescheduled, not due again at once").isZero();
        assertThat(read.from(MatchRequestStore.COLLECTION)).isZero();
        assertThat(store.find(waiting.id()).orElseThrow().version())
                .as("a recheck with nothing new changes nothing")
                .isEqualTo(waiting.version());
    }

    private String remindable() {
        Instant proposedLongAgo =
                clock.instant().minus(SETTINGS.reminderAfter()).minusSeconds(60);
        MatchRequest request = request(Status.PROPOSED, proposedLongAgo, ProposalState.PENDING);
        store.insert(request);
        return request.id();
    }

    private MatchRequest waitlisted() {
        Instant now = clock.instant();
        String id = "r-" + UUID.randomUUID();
        return new MatchRequest(
                id,
                "n-" + id,
                Status.WAITLISTED,
                null,
                now,
                now,
                1,
                List.of(),
                null,
                List.of(NOBODY_FITS),
                List.of(),
                List.of());
    }

    private enum ProposalState {
        NONE,
        PENDING,
        ACCEPTED
    }

    private MatchRequest request(Status status, Instant proposedAt, ProposalState state) {
        Instant now = clock.instant();
        String id = "r-" + UUID.randomUUID();
        Proposal pending = Proposal.pending(
                id + "-p1",
                new MentorSearch.Candidate("m-1", 50, Map.of(), List.of(), List.of()),
                proposedAt,
                SETTINGS,
                null);
        List<Proposal> proposals =
                switch (state) {
                    case NONE -> List.of();
                    case PENDING -> List.of(pending);
                    case ACCEPTED -> List.of(pending.closed(MatchRequest.ProposalStatus.ACCEPTED, proposedAt, null));
                };
        Match match = state == ProposalState.ACCEPTED
                ? new Match("m-" + id, id + "-p1", "m-1", MatchStatus.ACTIVE, now, null, null, null)
                : null;
        return new MatchRequest(
                id, "n-" + id, status, null, now, now, 1, proposals, match, List.of(), List.of(), List.of());
    }

    /** Documents the database sent back to find and getMore commands, per collection. */
    static final class DocumentsRead implements CommandListener {

        private final Map<String, AtomicInteger> byCollection = new ConcurrentHashMap<>();

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            if (!event.getCommandName().equals("find")
                    && !event.getCommandName().equals("getMore")) {
                return;
            }
            BsonDocument cursor = event.getResponse().getDocument("cursor");
            String namespace = cursor.getString("ns").getValue();
            String collection = namespace.substring(namespace.indexOf('.') + 1);
            int documents = cursor.containsKey("firstBatch")
                    ? cursor.getArray("firstBatch").size()
                    : cursor.getArray("nextBatch").size();
            byCollection.computeIfAbsent(collection, c -> new AtomicInteger()).addAndGet(documents);
        }

        int from(String collection) {
            return byCollection.getOrDefault(collection, new AtomicInteger()).get();
        }

        void reset() {
            byCollection.clear();
        }
    }

    /** A pool in which nobody fits: every search waitlists with the same reason. */
    private static final class NobodyFits implements MentorSearch {

        @Override
        public Search search(String newcomerId, Collection<String> alreadyTried, Instant now) {
            return new Search(List.of(), Map.of(), List.of(NOBODY_FITS), "test");
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
            return List.of();
        }

        @Override
        public boolean canTakeANewcomer(String mentorId) {
            return false;
        }
    }
}
