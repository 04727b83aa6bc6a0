package org.samepath.loaddriver;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.bson.Document;

/**
 * Loads a year of history straight into the services' databases before the run, so the run shows whether the
 * latency holds on a stack that carries one (the design's "cost follows the work"). Written behind the services'
 * backs on purpose: through the APIs a year would take as long as a year's load. Nothing is published to Kafka, as
 * nothing of a year ago would still be pending. Loading twice with the same counts finds the first request already
 * there and skips.
 */
final class HistoryLoader {

    static final String MATCHING_DATABASE = "samepath_matching";
    static final String NOTIFICATION_DATABASE = "samepath_notification";
    private static final int BATCH = 1_000;

    /** What was written, and how long it took; {@code alreadyThere} when an earlier run had loaded it. */
    record Loaded(int requests, int openProposals, int notifications, double seconds, boolean alreadyThere) {

        static Loaded none() {
            return new Loaded(0, 0, 0, 0, false);
        }

        String describe() {
            if (alreadyThere) {
                return String.format(
                        Locale.ROOT,
                        "%,d closed requests and %,d open proposals, loaded by an earlier run",
                        requests,
                        openProposals);
            }
            return String.format(
                    Locale.ROOT,
                    "%,d closed requests, %,d open proposals (to %,d mentors outside the pool, due in a year), their"
                            + " newcomers' locks and %,d notifications, written in %.1f s",
                    requests,
                    openProposals,
                    (openProposals + HistoryDocuments.HOLDS_PER_MENTOR - 1) / HistoryDocuments.HOLDS_PER_MENTOR,
                    notifications,
                    seconds);
        }
    }

    private HistoryLoader() {}

    static Loaded load(DriverOptions options, Population population, PrintStream out) {
        int closed = options.historyRequests();
        int open = options.historyOpenProposals();
        long started = System.nanoTime();
        List<String> mentors = new ArrayList<>();
        for (int i = 0; i < population.mentors(); i++) {
            mentors.add(population.mentorId(i));
        }
        HistoryDocuments history = new HistoryDocuments(Instant.now(), mentors);
        try (MongoClient client = MongoClients.create(options.mongodbUri())) {
            MongoDatabase matching = client.getDatabase(MATCHING_DATABASE);
            MongoCollection<Document> requests = matching.getCollection("match_requests");
            String probe = closed > 0 ? HistoryDocuments.closedRequestId(0) : HistoryDocuments.openRequestId(0);
            if (requests.find(eq("_id", probe)).first() != null) {
                out.println("   history already loaded by an earlier run; not loading it again");
                return new Loaded(closed, open, 0, 0, true);
            }
            Writer writer = new Writer(
                    requests,
                    matching.getCollection("newcomers"),
                    matching.getCollection("mentor_slots"),
                    client.getDatabase(NOTIFICATION_DATABASE).getCollection("notifications"),
                    out);
            writer.write("closed requests", closed, history::closedRequest, false);
            writer.write("open proposals", open, history::openRequest, true);
            return new Loaded(closed, open, writer.notificationsWritten, (System.nanoTime() - started) / 1e9, false);
        }
    }

    /** Writes requests in batches, each with its newcomers' locks, its notifications and (if open) mentor slots. */
    private static final class Writer {
        private final MongoCollection<Document> requests;
        private final MongoCollection<Document> locks;
        private final MongoCollection<Document> slots;
        private final MongoCollection<Document> notifications;
        private final PrintStream out;
        int notificationsWritten;

        Writer(
                MongoCollection<Document> requests,
                MongoCollection<Document> locks,
                MongoCollection<Document> slots,
                MongoCollection<Document> notifications,
                PrintStream out) {
            this.requests = requests;
            this.locks = locks;
            this.slots = slots;
            this.notifications = notifications;
            this.out = out;
        }

        void write(String what, int count, IntFunction<Document> request, boolean open) {
            long started = System.nanoTime();
            // A multiple of HOLDS_PER_MENTOR, so each outside mentor's slots are written whole with one batch.
            for (int from = 0; from < count; from += BATCH) {
                int to = Math.min(count, from + BATCH);
                List<Document> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batch.add(request.apply(i));
                }
                requests.insertMany(batch);
                locks.insertMany(batch.stream().map(HistoryDocuments::lock).toList());
                notifications.insertMany(
                        batch.stream().map(HistoryDocuments::notification).toList());
                notificationsWritten += batch.size();
                if (open) {
                    slots.insertMany(slotsOf(batch, from));
                }
                if (to == count || (to / BATCH) % 20 == 0) {
                    out.printf(
                            "   %s: %,d of %,d written in %.1f s%n",
                            what, to, count, (System.nanoTime() - started) / 1e9);
                }
            }
        }

        private static List<Document> slotsOf(List<Document> batch, int firstIndex) {
            List<Document> mentors = new ArrayList<>();
            for (int i = 0; i < batch.size(); i += HistoryDocuments.HOLDS_PER_MENTOR) {
                String mentorId = HistoryDocuments.openMentorId(firstIndex + i);
                mentors.add(HistoryDocuments.mentorSlots(
                        mentorId, batch.subList(i, Math.min(batch.size(), i + HistoryDocuments.HOLDS_PER_MENTOR))));
            }
            return mentors;
        }
    }
}
