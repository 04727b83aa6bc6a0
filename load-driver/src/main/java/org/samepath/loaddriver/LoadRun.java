package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One load run: match requests offered open-loop at a fixed rate (each send is scheduled by the clock from the start,
 * never by a previous answer, and its intended time is kept so a stall shows up as latency instead of hiding as a
 * lower rate), then a drain that waits for the notifications, then reconciliation of whatever the streams did not
 * show against the services' own answers, and a follow-up of every POST that got no answer. Each send takes a free
 * newcomer at its send time; the {@link Recycler} frees it again once the run has what it measures of that send.
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
            MatchingEventsTap events,
            Recycler recycler,
            PrintStream out) {}

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(35);
    private static final Duration LATE_LIMIT = Duration.ofMinutes(3);

    private final Context context;
    /** Every request id the stack named for a send of this driver, in any run: never a later run's lost POST. */
    private final Set<String> knownRequestIds = new HashSet<>();

    LoadRun(Context context) {
        this.context = context;
    }

    /**
     * Offers {@code rate} requests per second for {@code warmup + measured}, each by a newcomer free at its send time
     * (see {@link NewcomerPool}, {@link Recycler}), and returns what happened to every one. Every newcomer the run
     * took is free again (or set aside) when it returns.
     */
    RunResult run(String label, double rate, Duration warmup, Duration measured) {
        PrintStream out = context.out();
        List<RequestRecord> records = plan(rate, warmup, measured);
        // Anchored per run: the wall clock may be slewed meanwhile, and a run is short enough not to notice.
        WallClock clock = WallClock.anchoredNow();
        DriverCpu driverCpu = DriverCpu.start();
        openNewcomerStreams();
        KafkaProbe.Background underLoad =
                KafkaProbe.background(context.options().kafkaBootstrap());
        Recycler.Run recycling = context.recycler().start(label);
        offer(records, rate, recycling);
        awaitAnswers(records);
        KafkaProbe.Result kafkaUnderLoad = underLoad.stop();
        Drain drain = drain(records, context.options().drain());
        // From here on the requests stay as the run left them, so that the reconciliation can tell what became of them.
        recycling.stopScanning();
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
        records.forEach(record -> remember(record.requestId));
        UnansweredPosts.FollowUp followUp = new UnansweredPosts(
                        context.api(), context.seeded().newcomerTokens(), clock)
                .followUp(records, Set.copyOf(knownRequestIds));
        records.forEach(record -> remember(record.lateRequestId));
        if (followUp.unanswered() > 0) {
            out.printf(
                    "  %s: %,d POSTs got no answer in time; the stack acted on %,d of them later, %,d are lost%n",
                    label, followUp.unanswered(), followUp.actedOnLater(), followUp.lost());
        }
        Recycler.Counts recycled = recycling.finish(records);
        out.printf("  %s: %s%n", label, ResultsTable.recycling(recycled));
        closeNewcomerStreams();
        DriverCpu.Usage driverUsage = driverCpu.stop();
        StageTimings stages = StageTimings.of(records, context.ledger(), context.events(), clock);
        return RunResult.of(
                new RunResult.Observed(
                        label, rate, measured, reconciliation, followUp, kafkaUnderLoad, driverUsage, recycled),
                records,
                context.ledger(),
                stages,
                context.population());
    }

    private void remember(String requestId) {
        if (requestId != null) {
            knownRequestIds.add(requestId);
        }
    }

    /** The sends of a run, without their newcomers: each takes whichever is free at its send time. */
    private List<RequestRecord> plan(double rate, Duration warmup, Duration measured) {
        int warmupCount = DriverOptions.requestsAt(rate, warmup);
        int total = warmupCount + DriverOptions.requestsAt(rate, measured);
        int acceptEvery = context.options().acceptEvery();
        List<RequestRecord> records = new ArrayList<>(total);
        for (int k = 0; k < total; k++) {
            boolean sampled = acceptEvery > 0 && k % acceptEvery == 0;
            records.add(new RequestRecord(k >= warmupCount, sampled));
        }
        return records;
    }

    /**
     * The watched newcomers (those who send the sampled requests) watch their own inbox, to see the match start after
     * their mentor accepts.
     */
    private void openNewcomerStreams() {
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (int newcomer : context.recycler().pool().watched()) {
            opened.add(context.streams()
                    .open(
                            context.population().newcomerId(newcomer),
                            context.seeded().newcomerTokens()[newcomer]));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).join();
    }

    private void closeNewcomerStreams() {
        for (int newcomer : context.recycler().pool().watched()) {
            context.streams().close(context.population().newcomerId(newcomer));
        }
    }

    /**
     * Sends each request at its time on the clock, whatever happened to the earlier ones, by the newcomer free at that
     * time; with none free the send is not made (counted apart) and the schedule goes on: open loop never waits.
     */
    private void offer(List<RequestRecord> records, double rate, Recycler.Run recycling) {
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
                record.notSent = true;
                record.failure = "not sent: " + maxInFlight + " requests already outstanding";
                continue;
            }
            int newcomer = recycling.take(record);
            if (newcomer == NewcomerPool.NONE) {
                inFlight.decrementAndGet();
                record.notSent = true;
                record.noFreeNewcomer = true;
                record.failure = "not sent: no free newcomer";
                continue;
            }
            CompletableFuture<StackApi.Reply> post = context.api().submitMatchRequest(tokens[newcomer]);
            recycling.sent(record);
            post.whenComplete((reply, error) -> {
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
