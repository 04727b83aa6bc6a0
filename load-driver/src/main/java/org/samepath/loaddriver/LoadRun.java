package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One load run: match requests offered open-loop at a fixed rate (each send is scheduled by the clock from the start,
 * never by a previous answer, and its intended time is kept so a stall shows up as latency instead of hiding as a
 * lower rate), then a drain that waits for the notifications, then reconciliation of whatever the streams did not
 * show against the services' own answers.
 */
final class LoadRun {

    /** What a run needs from the driver around it. */
    record Context(
            DriverOptions options,
            StackApi api,
            Ledger ledger,
            InboxStreams streams,
            Acceptances acceptances,
            Population population,
            Seeding.Seeded seeded,
            java.util.Map<String, String> mentorTokens,
            PrintStream out) {}

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(35);
    private static final Duration LATE_LIMIT = Duration.ofMinutes(3);

    private final Context context;
    private volatile List<RequestRecord> lastRecords = List.of();

    LoadRun(Context context) {
        this.context = context;
    }

    /**
     * Offers {@code rate} requests per second for {@code warmup + measured}, one per newcomer taken in order from
     * {@code newcomers}, and returns what happened to every one.
     */
    RunResult run(String label, double rate, Duration warmup, Duration measured, List<Integer> newcomers) {
        PrintStream out = context.out();
        List<RequestRecord> records = plan(rate, warmup, measured, newcomers);
        lastRecords = records;
        openNewcomerStreams(records);
        KafkaProbe.Background underLoad =
                KafkaProbe.background(context.options().kafkaBootstrap());
        offer(records, rate);
        awaitAnswers(records);
        KafkaProbe.Result kafkaUnderLoad = underLoad.stop();
        Drain drain = drain(records, context.options().drain());
        int late = 0;
        if (drain.complete) {
            out.printf("  %s: answers in, notifications drained in %.1f s%n", label, drain.seconds);
        } else {
            long unsettled = records.stream().filter(r -> !settled(r)).count();
            out.printf(
                    "  %s: %,d requests unexplained %.0f s after the last answer; waiting for Kafka to drain%n",
                    label, unsettled, drain.seconds);
            awaitConsumersIdle();
            late = (int) (unsettled - records.stream().filter(r -> !settled(r)).count());
        }
        Reconciliation reconciliation = new Reconciler(context).reconcile(records, late);
        closeNewcomerStreams(records);
        return RunResult.of(
                label, rate, measured, records, context.ledger(), reconciliation, kafkaUnderLoad, context.population());
    }

    private List<RequestRecord> plan(double rate, Duration warmup, Duration measured, List<Integer> newcomers) {
        int warmupCount = DriverOptions.requestsAt(rate, warmup);
        int total = warmupCount + DriverOptions.requestsAt(rate, measured);
        if (total > newcomers.size()) {
            throw new IllegalStateException(
                    "Needs " + total + " newcomers without an open request, has " + newcomers.size());
        }
        int acceptEvery = context.options().acceptEvery();
        List<RequestRecord> records = new ArrayList<>(total);
        for (int k = 0; k < total; k++) {
            boolean sampled = acceptEvery > 0 && k % acceptEvery == 0;
            records.add(new RequestRecord(newcomers.get(k), k >= warmupCount, sampled));
        }
        return records;
    }

    /** The sampled newcomers watch their own inbox, to see the match start after their mentor accepts. */
    private void openNewcomerStreams(List<RequestRecord> records) {
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (RequestRecord record : records) {
            if (record.acceptSampled) {
                String id = context.population().newcomerId(record.newcomerIndex);
                context.acceptances().sample(id);
                opened.add(context.streams().open(id, context.seeded().newcomerTokens()[record.newcomerIndex]));
            }
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).join();
    }

    private void closeNewcomerStreams(List<RequestRecord> records) {
        for (RequestRecord record : records) {
            if (record.acceptSampled) {
                context.streams().close(context.population().newcomerId(record.newcomerIndex));
            }
        }
    }

    /** The requests of the latest run, for withdrawing them before the next. */
    List<RequestRecord> lastRecords() {
        return lastRecords;
    }

    /** Sends each request at its time on the clock, whatever happened to the earlier ones. */
    private void offer(List<RequestRecord> records, double rate) {
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger inFlight = new AtomicInteger();
        String[] tokens = context.seeded().newcomerTokens();
        int maxInFlight = context.options().maxInFlight();
        for (int k = 0; k < records.size(); k++) {
            RequestRecord record = records.get(k);
            record.intended = start + k * interval;
            long wait;
            while ((wait = record.intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            record.sent = System.nanoTime();
            if (inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                record.failure = "not sent: " + maxInFlight + " requests already outstanding";
                continue;
            }
            context.api().submitMatchRequest(tokens[record.newcomerIndex]).whenComplete((reply, error) -> {
                record.returned = System.nanoTime();
                inFlight.decrementAndGet();
                if (error != null) {
                    record.failure = error.toString();
                } else {
                    record.httpStatus = reply.status();
                    if (reply.status() == 202) {
                        record.initialStatus = reply.text("status");
                        // Written last: a non-null id means the rest of the answer is recorded.
                        record.requestId = reply.text("id");
                    } else {
                        record.failure = "HTTP " + reply.status() + " " + abbreviate(reply.body());
                    }
                }
            });
        }
    }

    private static void awaitAnswers(List<RequestRecord> records) {
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (System.nanoTime() < deadline && records.stream().anyMatch(r -> r.returned == 0 && r.failure == null)) {
            pause();
        }
        for (RequestRecord record : records) {
            if (record.returned == 0 && record.failure == null) {
                record.failure = "no answer within " + ANSWER_WAIT.toSeconds() + " s";
            }
        }
    }

    private record Drain(boolean complete, double seconds) {}

    /** Waits until every accepted request was seen proposed or waitlisted, and every sampled accept was announced. */
    private Drain drain(List<RequestRecord> records, Duration limit) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        boolean complete;
        while (!(complete = records.stream().allMatch(this::settled)) && System.nanoTime() < deadline) {
            pause();
        }
        return new Drain(complete, (System.nanoTime() - started) / 1e9);
    }

    /** Past the drain deadline: gives the consumers time to finish what is queued, so late is told from lost. */
    private void awaitConsumersIdle() {
        long deadline = System.nanoTime() + LATE_LIMIT.toNanos();
        try (Admin admin = Admin.create(java.util.Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.options().kafkaBootstrap()))) {
            while (System.nanoTime() < deadline && Propagation.totalLag(admin) > 0) {
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What was consumed last still has to be stored and pushed.
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
    }

    private boolean settled(RequestRecord record) {
        return settled(context, record);
    }

    /** Accounted for: refused, or seen proposed (and, if sampled, accepted and announced) or waitlisted. */
    static boolean settled(Context context, RequestRecord record) {
        if (!record.accepted()) {
            return true;
        }
        Ledger.Sighting sighting = context.ledger().find(record.requestId);
        if (sighting == null) {
            return false;
        }
        if (sighting.proposalArrived == 0) {
            return sighting.waitlistAlertArrived != 0;
        }
        if (!record.acceptSampled) {
            return true;
        }
        boolean acceptAnswered = sighting.acceptReturned != 0;
        boolean acceptFailed = acceptAnswered && sighting.acceptStatus != 200;
        return acceptFailed || sighting.matchStartedArrived != 0;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static void pause() {
        LockSupport.parkNanos(100_000_000L);
    }
}
