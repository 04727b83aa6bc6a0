package org.samepath.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.embedded.EmbeddedMongo;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The relay against the MongoDB-protocol stand-in, with a broker that acknowledges (or refuses) at once: relays asked
 * for together are done with one read and one settling write, whatever their number, each document's entries are
 * published in order, and a failed send stops only its own document. Counted from the commands the driver sends.
 */
class OutboxRelayTests {

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();

    private final Outbox outbox = new Outbox(Clock.systemUTC(), new TraceContextCarrier(null, null));
    private final List<ProducerRecord<Object, Object>> sent = new ArrayList<>();
    private final List<String> refusedEventIds = new ArrayList<>();
    private volatile String holdBackEventId;
    private volatile Waiting holdBack;
    private final List<Runnable> relaysAskedFor = new ArrayList<>();
    private MongoCollection<Document> requests;
    private OutboxRelay relay;

    @BeforeAll
    static void startMongo() {
        mongo = EmbeddedMongo.start(0);
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                var collection = event.getCommand().get(event.getCommandName());
                String key = event.getCommandName() + " "
                        + (collection != null && collection.isString()
                                ? collection.asString().getValue()
                                : "");
                commands.computeIfAbsent(key, ignored -> new AtomicInteger()).incrementAndGet();
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri("outbox")))
                .addCommandListener(counter)
                .build());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void newRelay() {
        var database =
                client.getDatabase("outbox_" + UUID.randomUUID().toString().substring(0, 8));
        requests = database.getCollection("requests");
        KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);
        when(kafka.send(any(ProducerRecord.class))).thenAnswer(invocation -> {
            ProducerRecord<Object, Object> record = invocation.getArgument(0);
            String eventId = new String(record.headers().lastHeader("ce_id").value());
            if (eventId.equals(holdBackEventId)) {
                holdBack.run();
            }
            if (refusedEventIds.contains(eventId)) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker refused " + eventId));
            }
            synchronized (sent) {
                sent.add(record);
            }
            return CompletableFuture.completedFuture(null);
        });
        OutboxProperties properties = new OutboxProperties(
                List.of("requests"), Duration.ofSeconds(2), Duration.ofSeconds(2), 200, Duration.ofSeconds(5), 8);
        relay = new OutboxRelay(
                kafka,
                database,
                properties,
                new TraceContextCarrier(null, null),
                relaysAskedFor::add,
                Clock.systemUTC(),
                "/samepath/test");
    }

    @Test
    void twentyRelaysAskedForTogetherAreOneReadAndOneSettlingWrite() {
        List<List<DomainEvent>> eventsByRequest = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<DomainEvent> events = List.of(waitlisted("r-" + i), waitlisted("r-" + i));
            eventsByRequest.add(events);
            requests.insertOne(outbox.attach(new Document("_id", "r-" + i), events.toArray(DomainEvent[]::new)));
            relay.relaySoon(requests, "r-" + i);
        }
        commands.clear();

        relaysAskedFor.forEach(Runnable::run);

        assertThat(sent).hasSize(40);
        for (List<DomainEvent> events : eventsByRequest) {
            List<String> published = sent.stream()
                    .map(OutboxRelayTests::eventId)
                    .filter(id -> id.equals(events.get(0).eventId())
                            || id.equals(events.get(1).eventId()))
                    .toList();
            assertThat(published)
                    .containsExactly(events.get(0).eventId(), events.get(1).eventId());
        }
        assertThat(commands).containsOnlyKeys("find requests", "update requests");
        assertThat(commands.get("find requests")).hasValue(1);
        assertThat(commands.get("update requests")).hasValue(1);
        for (Document request : requests.find()) {
            assertThat(request.getList(Outbox.FIELD, Document.class)).isEmpty();
            assertThat(request).doesNotContainKey(Outbox.PENDING_SINCE);
        }
    }

    @Test
    void aRefusedSendStopsOnlyItsOwnDocumentWhichKeepsEverythingFromTheRefusedEntryOn() {
        DomainEvent first = waitlisted("b");
        DomainEvent refused = waitlisted("b");
        DomainEvent afterTheRefused = waitlisted("b");
        requests.insertOne(outbox.attach(new Document("_id", "a"), waitlisted("a")));
        requests.insertOne(outbox.attach(new Document("_id", "b"), first, refused, afterTheRefused));
        requests.insertOne(outbox.attach(new Document("_id", "c"), waitlisted("c"), waitlisted("c")));
        refusedEventIds.add(refused.eventId());

        int published = relay.relayAll(requests, List.of("a", "b", "c"));

        assertThat(published).isEqualTo(4);
        assertThat(sent).extracting(OutboxRelayTests::eventId).doesNotContain(refused.eventId());
        assertThat(pending("a")).isEmpty();
        assertThat(pending("c")).isEmpty();
        assertThat(pending("b")).containsExactly(refused.eventId(), afterTheRefused.eventId());
        assertThat(requests.find(new Document("_id", "b")).first()).containsKey(Outbox.PENDING_SINCE);
    }

    @Test
    void aDocumentAnotherRelayIsPublishingIsLeftToItAndRelayedAgainOnceItIsDone() throws Exception {
        DomainEvent first = waitlisted("x");
        requests.insertOne(outbox.attach(new Document("_id", "x"), first));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch acknowledge = new CountDownLatch(1);
        holdBackEventId = first.eventId();
        holdBack = () -> {
            sending.countDown();
            acknowledge.await();
        };
        CompletableFuture<Integer> firstRelay = CompletableFuture.supplyAsync(() -> relay.relay(requests, "x"));
        sending.await();
        DomainEvent appendedMeanwhile = waitlisted("x");
        requests.updateOne(new Document("_id", "x"), outbox.append(appendedMeanwhile));

        assertThat(relay.relay(requests, "x"))
                .as("left to the relay publishing it")
                .isZero();
        acknowledge.countDown();

        assertThat(firstRelay.get()).isEqualTo(1);
        assertThat(relaysAskedFor)
                .as("the first relay asks for another once done")
                .hasSize(1);
        relaysAskedFor.forEach(Runnable::run);
        assertThat(sent)
                .extracting(OutboxRelayTests::eventId)
                .containsExactly(first.eventId(), appendedMeanwhile.eventId());
        assertThat(pending("x")).isEmpty();
    }

    private List<String> pending(String id) {
        return requests.find(new Document("_id", id)).first().getList(Outbox.FIELD, Document.class).stream()
                .map(entry -> entry.getString("eventId"))
                .toList();
    }

    /** Something a send waits for. */
    private interface Waiting {
        void run() throws InterruptedException;
    }

    private static MatchRequestWaitlisted waitlisted(String requestId) {
        return new MatchRequestWaitlisted(
                UUID.randomUUID().toString(), requestId, "n-" + requestId, Instant.now(), List.of("all mentors full"));
    }

    private static String eventId(ProducerRecord<Object, Object> record) {
        return new String(record.headers().lastHeader("ce_id").value());
    }
}
