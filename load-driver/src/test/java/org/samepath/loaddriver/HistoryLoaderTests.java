package org.samepath.loaddriver;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryLoaderTests {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private MongoServer server;
    private String uri;

    @BeforeAll
    static void onlyTheMongoDriversWarnings() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @BeforeEach
    void startAMongoProtocolServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stopIt() {
        server.shutdownNow();
    }

    @Test
    void writesTheRequestsTheirLocksSlotsAndNotificationsOnceAndSkipsThemTheSecondTime() {
        DriverOptions options = DriverOptions.parse(
                "--mentors",
                "3",
                "--newcomers",
                "100",
                "--rate",
                "1",
                "--duration",
                "10",
                "--warmup",
                "0",
                "--history-requests",
                "1500",
                "--history-open-proposals",
                "12",
                "--mongodb-uri",
                uri);
        Population population = new Population("lr1", 3, 100, 0);

        HistoryLoader.Loaded first = HistoryLoader.load(options, population, QUIET);
        HistoryLoader.Loaded second = HistoryLoader.load(options, population, QUIET);

        assertThat(first.alreadyThere()).isFalse();
        assertThat(first.notifications()).isEqualTo(1_512);
        assertThat(second.alreadyThere()).isTrue();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase matching = client.getDatabase(HistoryLoader.MATCHING_DATABASE);
            assertThat(matching.getCollection("match_requests").countDocuments())
                    .isEqualTo(1_512);
            assertThat(matching.getCollection("match_requests").countDocuments(eq("status", "PROPOSED")))
                    .isEqualTo(12);
            assertThat(matching.getCollection("newcomers").countDocuments()).isEqualTo(1_512);
            assertThat(matching.getCollection("mentor_slots").countDocuments()).isEqualTo(3);
            Document lastMentor = matching.getCollection("mentor_slots")
                    .find(eq("_id", HistoryDocuments.MENTOR_PREFIX + 2))
                    .first();
            assertThat(lastMentor.getList("holds", Document.class)).hasSize(2);
            assertThat(lastMentor.getInteger("free")).isEqualTo(3);
            assertThat(client.getDatabase(HistoryLoader.NOTIFICATION_DATABASE)
                            .getCollection("notifications")
                            .countDocuments())
                    .isEqualTo(1_512);
        }
    }
}
