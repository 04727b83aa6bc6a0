package org.samepath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stand-in runs commands off its network threads: a command held inside the backend holds up its own connection
 * and no other, a connection's replies still leave in request order, and cursors and handshakes work as before. The
 * held command waits on a latch the test opens; nothing here measures time ({@code @Timeout} only stops a hang).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedMongoTests {

    private static final String HELD = "held";

    @Test
    void aCommandHeldInTheBackendHoldsUpOnlyItsOwnConnection() throws Exception {
        int heldAtOnce = 4; // as many as mongo-java-server has event loops on two cores: it would stall them all
        HoldingBackend backend = new HoldingBackend(new IndexedMemoryBackend(), heldAtOnce);
        List<MongoClient> heldClients = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(heldAtOnce);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, 8, backend)) {
            try (MongoClient client = MongoClients.create(mongo.uri("t"))) {
                client.getDatabase("t").getCollection(HELD).insertOne(new Document("_id", "h1"));
                client.getDatabase("t").getCollection("people").insertOne(new Document("_id", "p1").append("n", 0));
            }
            List<Future<List<Document>>> held = new ArrayList<>();
            for (int i = 0; i < heldAtOnce; i++) {
                MongoClient heldClient = MongoClients.create(mongo.uri("t")); // a connection of its own
                heldClients.add(heldClient);
                MongoCollection<Document> collection =
                        heldClient.getDatabase("t").getCollection(HELD);
                held.add(callers.submit(() -> collection.find().into(new ArrayList<>())));
            }
            backend.allHeld.await();

            // Every held command sits in the backend; connections opened now are spread over every event loop.
            for (int i = 0; i < 16; i++) {
                try (MongoClient other = MongoClients.create(mongo.uri("t"))) {
                    assertThat(other.getDatabase("admin")
                                    .runCommand(new Document("ping", 1))
                                    .get("ok"))
                            .isEqualTo(1.0);
                    MongoCollection<Document> people = other.getDatabase("t").getCollection("people");
                    assertThat(people.find(Filters.eq("_id", "p1")).first()).containsEntry("_id", "p1");
                    assertThat(people.updateOne(Filters.eq("_id", "p1"), Updates.inc("n", 1))
                                    .getModifiedCount())
                            .isEqualTo(1);
                }
            }
            assertThat(held).noneMatch(Future::isDone);

            backend.release.countDown();
            for (Future<List<Document>> answer : held) {
                assertThat(answer.get()).containsExactly(new Document("_id", "h1"));
            }
        } finally {
            backend.release.countDown();
            heldClients.forEach(MongoClient::close);
            callers.shutdownNow();
        }
    }

    @Test
    void aConnectionsPipelinedRequestsRunOneAfterAnotherAndAreAnsweredInOrder() throws Exception {
        HoldingBackend backend = new HoldingBackend(new IndexedMemoryBackend(), 1);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, 8, backend);
                Socket socket = new Socket("127.0.0.1", mongo.port())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // Both requests are on the wire before the first has an answer.
            out.write(opMsg(1, new BsonDocument("find", new BsonString(HELD)).append("$db", new BsonString("t"))));
            out.write(opMsg(2, new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"))));
            out.flush();
            backend.allHeld.await();
            backend.release.countDown();

            assertThat(responseTo(in)).isEqualTo(1);
            assertThat(responseTo(in)).isEqualTo(2);
            assertThat(backend.pingEnteredWhileHeld)
                    .as("the ping waited for the held find on its connection")
                    .isFalse();
        } finally {
            backend.release.countDown();
        }
    }

    @Test
    void cursorsHandshakesAndKilledCursorsWorkOnTheWorkers() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, 2);
                MongoClient client = MongoClients.create(mongo.uri("t"))) {
            MongoCollection<Document> people = client.getDatabase("t").getCollection("people");
            List<Document> everyone = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                everyone.add(new Document("_id", i).append("name", "person " + i));
            }
            people.insertMany(everyone);

            // Ten getMores on one cursor.
            assertThat(people.find().batchSize(25).into(new ArrayList<>())).isEqualTo(everyone);
            // A cursor left half-read and closed: killCursors.
            try (MongoCursor<Document> cursor = people.find().batchSize(10).iterator()) {
                assertThat(cursor.next()).isEqualTo(everyone.get(0));
            }
            // The driver's own handshake and monitor use isMaster (mongo-java-server 1.47 knows no hello).
            assertThat(client.getDatabase("admin").runCommand(new Document("isMaster", 1)))
                    .containsEntry("ismaster", true);
            assertThat(people.countDocuments()).isEqualTo(250);
        }
    }

    @Test
    void reportsTheDataSizeTheStockBackendReports() {
        MongoServer stockServer = new MongoServer(new MemoryBackend());
        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, 2);
                MongoClient stock = MongoClients.create(
                        "mongodb://127.0.0.1:" + stockServer.bind().getPort());
                MongoClient indexed = MongoClients.create(mongo.uri("t"))) {
            List<Document> stats = new ArrayList<>();
            for (MongoClient client : List.of(stock, indexed)) {
                MongoCollection<Document> people = client.getDatabase("t").getCollection("people");
                for (int i = 0; i < 50; i++) {
                    people.insertOne(new Document("_id", i).append("about", "x".repeat(i)));
                }
                people.updateMany(Filters.lt("_id", 20), Updates.set("about", "longer than before, by a bit"));
                people.updateOne(Filters.eq("_id", 30), Updates.unset("about"));
                people.deleteMany(Filters.gte("_id", 40));
                Document collStats = client.getDatabase("t").runCommand(new Document("collStats", "people"));
                stats.add(new Document("count", collStats.get("count")).append("size", collStats.get("size")));
            }
            assertThat(stats.get(1)).isEqualTo(stats.get(0));
        } finally {
            stockServer.shutdownNow();
        }
    }

    @Test
    void takesItsWorkerCountFromTheSystemPropertyAndRefusesNonsense() {
        try {
            System.setProperty(EmbeddedMongo.WORKER_THREADS_PROPERTY, "3");
            assertThat(EmbeddedMongo.configuredWorkerThreads()).isEqualTo(3);
            System.setProperty(EmbeddedMongo.WORKER_THREADS_PROPERTY, "0");
            assertThatThrownBy(EmbeddedMongo::configuredWorkerThreads)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(EmbeddedMongo.WORKER_THREADS_PROPERTY);
        } finally {
            System.clearProperty(EmbeddedMongo.WORKER_THREADS_PROPERTY);
        }
        if (System.getenv(EmbeddedMongo.WORKER_THREADS_ENV) == null) {
            assertThat(EmbeddedMongo.configuredWorkerThreads()).isEqualTo(EmbeddedMongo.DEFAULT_WORKER_THREADS);
        }
    }

    private static byte[] opMsg(int requestId, BsonDocument body) {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        new BsonDocumentCodec()
                .encode(
                        new BsonBinaryWriter(bson),
                        body,
                        EncoderContext.builder().build());
        byte[] document = bson.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(16 + 4 + 1 + document.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(message.capacity()).putInt(requestId).putInt(0).putInt(2013); // OP_MSG
        message.putInt(0).put((byte) 0).put(document); // no flags; one body section
        return message.array();
    }

    /** Reads one reply and gives the request it answers; an {@code ok: 1} reply, or the test fails. */
    private static int responseTo(DataInputStream in) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt();
        header.getInt();
        int responseTo = header.getInt();
        byte[] rest = in.readNBytes(length - 16);
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        document.write(rest, 5, rest.length - 5); // flag bits and the section kind
        assertThat(new RawBsonDocument(document.toByteArray())
                        .get("ok")
                        .asNumber()
                        .intValue())
                .isEqualTo(1);
        return responseTo;
    }

    /**
     * The real backend, except that a {@code find} on {@value #HELD} waits inside it until the test releases it, once
     * {@code toHold} of them are waiting; a {@code ping} that arrives while one waits is noted.
     */
    private static final class HoldingBackend implements MongoBackend {

        private final MongoBackend backend;
        final CountDownLatch allHeld;
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean pingEnteredWhileHeld;
        private final AtomicBoolean holding = new AtomicBoolean();

        HoldingBackend(MongoBackend backend, int toHold) {
            this.backend = backend;
            this.allHeld = new CountDownLatch(toHold);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleMessage(MongoMessage message) {
            de.bwaldvogel.mongo.bson.Document command = message.getDocument();
            if (HELD.equals(command.get("find"))) {
                holding.set(true);
                allHeld.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                holding.set(false);
            } else if (command.containsKey("ping") && holding.get()) {
                pingEnteredWhileHeld = true;
            }
            return backend.handleMessage(message);
        }

        @Override
        public void handleClose(Channel channel) {
            backend.handleClose(channel);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(
                Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
            return backend.handleCommand(channel, database, command, query);
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            return backend.handleQuery(query);
        }

        @Override
        public void dropDatabase(String database) {
            backend.dropDatabase(database);
        }

        @Override
        public Collection<de.bwaldvogel.mongo.bson.Document> getCurrentOperations(MongoQuery query) {
            return backend.getCurrentOperations(query);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document getServerStatus() {
            return backend.getServerStatus();
        }

        @Override
        public void close() {
            backend.close();
        }

        @Override
        public void closeCursors(List<Long> cursorIds) {
            backend.closeCursors(cursorIds);
        }

        @Override
        public Clock getClock() {
            return backend.getClock();
        }

        @Override
        public void enableOplog() {
            backend.enableOplog();
        }

        @Override
        public void disableOplog() {
            backend.disableOplog();
        }

        @Override
        public MongoDatabase resolveDatabase(String database) {
            return backend.resolveDatabase(database);
        }

        @Override
        public MongoBackend version(MongoVersion version) {
            backend.version(version);
            return this;
        }
    }
}
