package org.samepath.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a throughput probe, off unless {@code -Dsamepath.mongo.probe=true}. Clients on {@code threads} pooled
 * connections each find a random person by {@code _id} and update it ({@code $set} plus {@code $inc}), first alone,
 * then while {@code scanners} other connections run unindexed scans of another collection of the same size. It prints operations per
 * second and latency percentiles; nothing is asserted (DESIGN.md: performance is never a timed assertion).
 *
 * <pre>
 * ./mvnw -B -o -pl embedded-infrastructure install -Dtest=MongoThroughputProbe -Dsamepath.mongo.probe=true \
 *     [-Dsamepath.mongo.probe.server=stock|embedded] [-Dsamepath.mongo.probe.seconds=10]
 * </pre>
 *
 * {@code stock} is {@code mongo-java-server}'s own {@link MongoServer} (commands on its Netty event loops) around
 * {@code -Dsamepath.mongo.probe.backend} (a class name, {@link IndexedMemoryBackend} unless told); {@code embedded} is
 * {@link EmbeddedMongo} as the local stack starts it. {@link #updateCost()} compares the backends named in
 * {@code -Dsamepath.mongo.probe.backends} (comma-separated; the stock and ours unless told).
 */
@EnabledIfSystemProperty(named = "samepath.mongo.probe", matches = "true")
class MongoThroughputProbe {

    private static final int PEOPLE = Integer.getInteger("samepath.mongo.probe.people", 20_000);
    private static final int THREADS = Integer.getInteger("samepath.mongo.probe.threads", 16);
    private static final int SCANNERS = Integer.getInteger("samepath.mongo.probe.scanners", 2);
    private static final int SECONDS = Integer.getInteger("samepath.mongo.probe.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("samepath.mongo.probe.rounds", 5);
    private static final String SERVER = System.getProperty("samepath.mongo.probe.server", "embedded");
    private static final String BACKEND =
            System.getProperty("samepath.mongo.probe.backend", IndexedMemoryBackend.class.getName());
    private static final String BACKENDS = System.getProperty(
            "samepath.mongo.probe.backends",
            MemoryBackend.class.getName() + "," + IndexedMemoryBackend.class.getName());

    @Test
    void probe() throws Exception {
        MongoServer stock = null;
        EmbeddedMongo embedded = null;
        String uri;
        if (SERVER.equals("stock")) {
            stock = new MongoServer(backend(BACKEND));
            stock.bind("127.0.0.1", 0);
            uri = "mongodb://127.0.0.1:" + stock.getLocalAddress().getPort() + "/probe";
        } else {
            embedded = EmbeddedMongo.start(0);
            uri = embedded.uri("probe");
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(THREADS + SCANNERS + 4))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> people = client.getDatabase("probe").getCollection("people");
            people.createIndex(Indexes.ascending("status", "nextAttemptAt"));
            people.createIndex(Indexes.ascending("proposals.id"));
            MongoCollection<Document> history = client.getDatabase("probe").getCollection("history");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                batch.add(person(i));
                if (batch.size() == 1000) {
                    people.insertMany(batch);
                    history.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf(
                    "probe: server=%s people=%d threads=%d scanners=%d seconds=%d cores=%d%n",
                    SERVER,
                    PEOPLE,
                    THREADS,
                    SCANNERS,
                    SECONDS,
                    Runtime.getRuntime().availableProcessors());
            run(people, history, 0, 3, "warm-up");
            run(people, history, 0, SECONDS, "lookups+updates alone");
            run(people, history, SCANNERS, SECONDS, "lookups+updates beside scans");
        } finally {
            if (stock != null) {
                stock.shutdownNow();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void run(
            MongoCollection<Document> people,
            MongoCollection<Document> history,
            int scanners,
            int seconds,
            String label)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong scans = new AtomicLong();
        CountDownLatch done = new CountDownLatch(THREADS + scanners);
        long[][] latencies = new long[THREADS][];
        int[] counts = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            threads.add(new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    String id = "person-" + random.nextInt(PEOPLE);
                    long start = System.nanoTime();
                    if (random.nextBoolean()) {
                        people.find(Filters.eq("_id", id)).first();
                    } else {
                        people.updateOne(
                                Filters.eq("_id", id),
                                Updates.combine(Updates.set("lastSeenAt", new Date()), Updates.inc("version", 1)));
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                latencies[index] = mine;
                counts[index] = n;
                done.countDown();
            }));
        }
        for (int s = 0; s < scanners; s++) {
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    // Another collection, so no lock is shared; "about" is in no index: every scan reads it all.
                    history.find(Filters.eq("about", "nobody writes this")).first();
                    scans.incrementAndGet();
                }
                done.countDown();
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < THREADS; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf(
                "probe: %-30s %8.0f ops/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  scans/s %.1f%n",
                label,
                total / (double) seconds,
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                scans.get() / (double) seconds);
    }

    /**
     * The cost of one {@code updateOne} by {@code _id} inside each backend (no network, no driver): the collection's
     * {@code updateDocuments} called directly, in thread CPU time, so other work on a shared machine skews it less.
     * Backends alternate over {@code -Dsamepath.mongo.probe.rounds} rounds (5); the first ones mostly warm the JIT.
     */
    @Test
    void updateCost() {
        for (int round = 1; round <= ROUNDS; round++) {
            for (String name : BACKENDS.split(",")) {
                MongoBackend backend = backend(name.trim());
                MongoServer server = new MongoServer(backend);
                try (MongoClient client = MongoClients.create(
                        "mongodb://127.0.0.1:" + server.bind().getPort())) {
                    MongoCollection<Document> people =
                            client.getDatabase("probe").getCollection("people");
                    people.createIndex(Indexes.ascending("status", "nextAttemptAt"));
                    people.createIndex(Indexes.ascending("proposals.id"));
                    List<Document> batch = new ArrayList<>();
                    for (int i = 0; i < PEOPLE; i++) {
                        batch.add(person(i));
                        if (batch.size() == 1000) {
                            people.insertMany(batch);
                            batch.clear();
                        }
                    }
                    de.bwaldvogel.mongo.MongoCollection<?> collection =
                            backend.resolveDatabase("probe").resolveCollection("people", true);
                    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                    update(collection, PEOPLE / 4); // warm-up
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    long wallStart = System.nanoTime();
                    update(collection, PEOPLE);
                    long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuStart;
                    long wallNanos = System.nanoTime() - wallStart;
                    System.out.printf(
                            "probe: update cost round %d %-55s %6.1f us cpu/op %6.1f us wall/op%n",
                            round, name, cpuNanos / 1e3 / PEOPLE, wallNanos / 1e3 / PEOPLE);
                } finally {
                    server.shutdownNow();
                }
            }
        }
    }

    private static void update(de.bwaldvogel.mongo.MongoCollection<?> collection, int times) {
        for (int i = 0; i < times; i++) {
            collection.updateDocuments(
                    new de.bwaldvogel.mongo.bson.Document("_id", "person-" + (i * 7919L % PEOPLE)),
                    new de.bwaldvogel.mongo.bson.Document(
                                    "$set", new de.bwaldvogel.mongo.bson.Document("lastSeenAt", Instant.now()))
                            .append("$inc", new de.bwaldvogel.mongo.bson.Document("version", 1)),
                    ArrayFilters.empty(),
                    false,
                    false,
                    NoopOplog.get());
        }
    }

    /** A backend by class name: ours, the stock one, or a copy dropped into this package to compare with. */
    private static MongoBackend backend(String className) {
        try {
            Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true);
            return (MongoBackend) constructor.newInstance();
        } catch (ReflectiveOperationException unknown) {
            throw new IllegalArgumentException("no backend " + className, unknown);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
    }

    private static Document person(int i) {
        List<Document> proposals = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            proposals.add(new Document("id", "proposal-" + i + "-" + p)
                    .append("mentorId", "person-" + (i * 7 + p) % PEOPLE)
                    .append("state", "PROPOSED")
                    .append("at", new Date()));
        }
        return new Document("_id", "person-" + i)
                .append("version", 0)
                .append("status", i % 10 == 0 ? "PENDING" : "SENT")
                .append("nextAttemptAt", new Date())
                .append("displayName", "Person " + i)
                .append("about", "A few sentences about lived experience, hopes and what helps. ".repeat(6))
                .append("languages", List.of("en", i % 3 == 0 ? "de" : "fr"))
                .append("topics", List.of("recovery", "family", "work", "sleep"))
                .append("preferences", new Document("contact", "email").append("hours", List.of(18, 19, 20)))
                .append("proposals", proposals);
    }
}
