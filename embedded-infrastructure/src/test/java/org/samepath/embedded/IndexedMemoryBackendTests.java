package org.samepath.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed stand-in must answer exactly as the stock one: the same random operations (inserts, conditional
 * replaces, updates that change indexed fields, deletes) run against both, and every query, count, find-and-modify
 * and the whole collection are compared after each step. The queries use the shapes the services use (an id plus a
 * version, status with a time range, {@code $in} over many people, an {@code $or} of two audiences, array elements)
 * and shapes the index must leave to the scan (nulls, missing fields, numbers, negations).
 */
class IndexedMemoryBackendTests {

    private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> STATUSES = List.of("PENDING", "SENDING", "SENT");
    private static final List<String> PEOPLE = List.of("p1", "p2", "p3", "p4", "p5", "p6");

    private static MongoServer stockServer;
    private static MongoClient stock;
    private static IndexedMemoryBackend backend;
    private static MongoServer indexedServer;
    private static MongoClient indexed;

    @BeforeAll
    static void start() {
        stockServer = new MongoServer(new MemoryBackend());
        stock = MongoClients.create("mongodb://127.0.0.1:" + stockServer.bind().getPort());
        backend = new IndexedMemoryBackend();
        indexedServer = new MongoServer(backend);
        indexed = MongoClients.create(
                "mongodb://127.0.0.1:" + indexedServer.bind().getPort());
    }

    @AfterAll
    static void stop() {
        stock.close();
        indexed.close();
        stockServer.shutdownNow();
        indexedServer.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void answersExactlyAsTheStockBackendDoes(long seed) {
        String name = "random" + seed;
        MongoCollection<Document> expected = stock.getDatabase("differential").getCollection(name);
        MongoCollection<Document> actual = indexed.getDatabase("differential").getCollection(name);
        for (MongoCollection<Document> collection : List.of(expected, actual)) {
            collection.createIndex(Indexes.ascending("status", "nextAttemptAt"));
            collection.createIndex(Indexes.compoundIndex(Indexes.ascending("recipient"), Indexes.descending("at")));
            collection.createIndex(Indexes.ascending("people"));
            collection.createIndex(Indexes.ascending("proposals.id"));
            collection.createIndex(Indexes.ascending("at"));
        }
        Random random = new Random(seed);
        for (int step = 0; step < 400; step++) {
            int choice = random.nextInt(10);
            switch (choice) {
                case 0, 1, 2 -> {
                    Document document = randomDocument(random, "d" + random.nextInt(120));
                    same(expected, actual, collection -> outcome(() -> collection.insertOne(new Document(document))));
                }
                case 3 -> {
                    Document document = randomDocument(random, "d" + random.nextInt(120));
                    int version = document.getInteger("version");
                    Bson newer = and(eq("_id", document.get("_id")), lt("version", version));
                    same(
                            expected,
                            actual,
                            collection -> outcome(() -> collection.replaceOne(
                                    newer, new Document(document), new ReplaceOptions().upsert(true))));
                }
                case 4 -> {
                    Bson filter = randomFilter(random);
                    Bson change = Updates.combine(
                            Updates.set("status", pick(random, STATUSES)),
                            Updates.set("at", Date.from(randomTime(random))),
                            Updates.addToSet("people", pick(random, PEOPLE)));
                    same(expected, actual, collection -> outcome(() -> collection.updateMany(filter, change)));
                }
                case 5 -> {
                    Bson filter = randomFilter(random);
                    same(expected, actual, collection -> outcome(() -> collection.deleteOne(filter)));
                }
                case 6 -> {
                    Bson filter = randomFilter(random);
                    Bson claim = Updates.combine(Updates.set("status", "SENDING"), Updates.inc("attempts", 1));
                    same(
                            expected,
                            actual,
                            collection -> collection.findOneAndUpdate(
                                    filter,
                                    claim,
                                    new FindOneAndUpdateOptions()
                                            .sort(Sorts.ascending("nextAttemptAt"))
                                            .returnDocument(ReturnDocument.AFTER)));
                }
                default -> {
                    Bson filter = randomFilter(random);
                    same(expected, actual, collection -> collection.find(filter).into(new ArrayList<>()));
                    same(expected, actual, collection -> collection.countDocuments(filter));
                    same(expected, actual, collection -> collection
                            .find(filter)
                            .sort(Sorts.descending("at"))
                            .limit(5)
                            .into(new ArrayList<>()));
                }
            }
            same(expected, actual, collection -> collection.find().into(new ArrayList<>()));
        }
        IndexedMemoryBackend.IndexedCollection served =
                backend.collection("differential", name).orElseThrow();
        assertThat(served.indexedFields())
                .containsExactlyInAnyOrder("status", "nextAttemptAt", "recipient", "people", "proposals.id", "at");
        assertThat(served.answeredFromIndexes())
                .as("most of the random queries had an indexable condition")
                .isGreaterThan(100);
    }

    private static <T> void same(
            MongoCollection<Document> expected,
            MongoCollection<Document> actual,
            Function<MongoCollection<Document>, T> operation) {
        assertThat(String.valueOf(operation.apply(actual))).isEqualTo(String.valueOf(operation.apply(expected)));
    }

    /** What a write did, in words both backends should agree on (duplicate keys included). */
    private static String outcome(Runnable write) {
        try {
            write.run();
            return "done";
        } catch (MongoWriteException refused) {
            return "refused: " + refused.getError().getCategory();
        }
    }

    private static Document randomDocument(Random random, String id) {
        Document document = new Document("_id", id).append("version", random.nextInt(5));
        maybe(random, () -> document.append("status", pick(random, STATUSES)));
        maybe(random, () -> document.append("nextAttemptAt", Date.from(randomTime(random))));
        maybe(random, () -> document.append("at", Date.from(randomTime(random))));
        switch (random.nextInt(4)) {
            case 0 -> document.append("recipient", pick(random, PEOPLE));
            case 1 -> document.append("recipient", null);
            case 2 -> document.append("audience", "COORDINATORS");
            default -> {
                // neither
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> document.append("people", List.of(pick(random, PEOPLE), pick(random, PEOPLE)));
            case 1 -> document.append("people", pick(random, PEOPLE));
            default -> {
                // none
            }
        }
        List<Document> proposals = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            proposals.add(new Document("id", "x" + random.nextInt(20)).append("mentorId", pick(random, PEOPLE)));
        }
        document.append("proposals", proposals);
        return document;
    }

    private static Bson randomFilter(Random random) {
        return switch (random.nextInt(17)) {
            case 0 -> eq("status", pick(random, STATUSES));
            case 1 -> in("status", pick(random, STATUSES), pick(random, STATUSES));
            case 2 -> and(eq("status", "PENDING"), lte("nextAttemptAt", Date.from(randomTime(random))));
            case 3 -> or(
                    and(eq("status", "PENDING"), lte("nextAttemptAt", Date.from(randomTime(random)))),
                    and(eq("status", "SENDING"), lt("at", Date.from(randomTime(random)))));
            case 4 -> and(
                    gte("at", Date.from(randomTime(random))),
                    or(in("recipient", PEOPLE.subList(0, 1 + random.nextInt(5))), eq("audience", "COORDINATORS")));
            case 5 -> eq("people", pick(random, PEOPLE));
            case 6 -> eq("proposals.id", "x" + random.nextInt(20));
            case 7 -> and(eq("_id", "d" + random.nextInt(120)), lt("version", random.nextInt(5)));
            case 8 -> in("_id", "d" + random.nextInt(120), "d" + random.nextInt(120), "nobody");
            case 9 -> eq("recipient", null);
            case 10 -> and(exists("audience"), ne("status", "SENT"));
            case 11 -> and(gt("at", Date.from(randomTime(random))), lt("at", Date.from(randomTime(random))));
            case 12 -> and(eq("proposals.id", "x" + random.nextInt(20)), eq("status", pick(random, STATUSES)));
            case 13 -> and(eq("_id", "d" + random.nextInt(120)), size("proposals", random.nextInt(3)));
            case 14 -> eq("version", random.nextInt(5));
            case 15 -> and(in("_id", List.of()), eq("status", pick(random, STATUSES)));
            default -> or(eq("people", pick(random, PEOPLE)), eq("version", random.nextInt(5)));
        };
    }

    private static Instant randomTime(Random random) {
        return EPOCH.plus(random.nextInt(500), ChronoUnit.MINUTES);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void maybe(Random random, Runnable append) {
        if (random.nextInt(4) > 0) {
            append.run();
        }
    }
}
