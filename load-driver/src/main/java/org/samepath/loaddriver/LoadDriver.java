package org.samepath.loaddriver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load and latency benchmark against a running local stack: optionally loads a year of history into the
 * databases, seeds mentors and newcomers through the APIs, opens every mentor's notification stream, measures the raw
 * Kafka round trip, offers match requests open-loop at a fixed rate and times each through its stages (answered,
 * its events on Kafka, its notification stored, on the proposed mentor's stream), then prints a results table and
 * writes a chart. A fixed newcomer population carries any rate for any time: once the driver has what it measures of
 * a request, the newcomer withdraws it (or ends the match) and asks again later ({@link Recycler}). Exits 1 if any request was lost, any notification duplicated or missing from its stream; 2 if it
 * could not run.
 */
public final class LoadDriver {

    private final DriverOptions options;
    private final PrintStream out;

    private LoadDriver(DriverOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        // Kafka's client logs through SLF4J; only its warnings matter here.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The charts are drawn off-screen; there may be no display.
        System.setProperty("java.awt.headless", "true");
        DriverOptions options;
        try {
            options = DriverOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(DriverOptions.USAGE);
            System.exit(2);
            return;
        }
        int exitCode;
        try {
            exitCode = new LoadDriver(options, System.out).run();
        } catch (IllegalStateException e) {
            System.err.println("The load driver could not finish: " + e.getMessage());
            if (e.getCause() != null) {
                e.getCause().printStackTrace();
            }
            exitCode = 2;
        } catch (Exception e) {
            System.err.println("The load driver could not finish: " + e);
            e.printStackTrace();
            exitCode = 2;
        }
        System.out.flush();
        System.exit(exitCode);
    }

    private int run() throws InterruptedException {
        String loadBefore = loadAverage();
        out.printf(
                "Samepath load driver: run %s, %,d mentors, %,d newcomers, %s requests/s for %d s (+%d s warm-up)%n",
                options.runId(),
                options.mentors(),
                options.newcomers(),
                ResultsTable.trim(options.rate()),
                options.duration().toSeconds(),
                options.warmup().toSeconds());
        StackProcesses processes = StackProcesses.find();
        out.println("Stack processes: " + processes.pids()
                + (processes.complete() ? "" : "  (not all found: RSS will be incomplete)"));
        try (StackApi api = new StackApi(options)) {
            requireReady(api);
            if (!options.reusePeople()) {
                requireFreshStack(api);
            }
            Population population =
                    new Population(options.runId(), options.mentors(), options.newcomers(), options.waitlistShare());
            HistoryLoader.Loaded history = HistoryLoader.Loaded.none();
            if (options.loadsHistory()) {
                out.println("0. Loading a year of history straight into the databases ...");
                history = HistoryLoader.load(options, population, out);
                out.println("   " + history.describe());
            }

            out.println(
                    options.reusePeople()
                            ? "1. Minting tokens for the people an earlier run created ..."
                            : "1. Seeding people through the APIs ...");
            int people = options.mentors() + options.newcomers();
            Seeding.Seeded seeded =
                    new Seeding(api, population, options.seedConcurrency(), options.reusePeople(), out).run();
            out.printf(
                    "   seeded %,d people in %.1f s (%.0f/s, %d at once)%n",
                    people, seconds(seeded.took()), people / seconds(seeded.took()), options.seedConcurrency());
            Duration propagation = Propagation.await(api, options, population, options.catchUpLimit(), out);
            double seededAndCaughtUp = seconds(seeded.took()) + seconds(propagation);
            out.printf(
                    "   every service caught up %.1f s later: %.1f s in all, %.0f people/s%n",
                    seconds(propagation), seededAndCaughtUp, people / seededAndCaughtUp);

            Map<String, String> mentorTokens = new HashMap<>();
            for (int i = 0; i < population.mentors(); i++) {
                mentorTokens.put(population.mentorId(i), seeded.mentorTokens()[i]);
            }
            Ledger ledger = new Ledger();
            try (InboxStreams streams = new InboxStreams(options.notificationUrl(), ledger)) {
                openStreams(streams, population, seeded);
                Map<String, Double> idleCpu = measureIdleCpu(processes);

                out.println("3. Kafka alone on the same broker ...");
                KafkaProbe.createTopic(options.kafkaBootstrap());
                KafkaProbe.Result kafkaIdle = KafkaProbe.idle(options.kafkaBootstrap(), options.kafkaProbeRoundTrips());
                out.println("   send -> consumed p50/p90/p99/max: "
                        + kafkaIdle.latencies().summary());

                try (MatchingEventsTap events = MatchingEventsTap.start(options.kafkaBootstrap(), options.runId())) {
                    Acceptances acceptances = new Acceptances(api, ledger, mentorTokens);
                    NewcomerPool newcomers =
                            new NewcomerPool(shuffledNewcomers(population), options.watchedNewcomers());
                    Recycler recycler =
                            new Recycler(api, seeded.newcomerTokens(), population, ledger, acceptances, newcomers);
                    LoadRun loadRun = new LoadRun(new LoadRun.Context(
                            options,
                            api,
                            ledger,
                            streams,
                            acceptances,
                            population,
                            seeded,
                            mentorTokens,
                            events,
                            recycler,
                            out));

                    out.printf(
                            "4. Offering match requests (%,d newcomers, reused once their request is withdrawn or"
                                    + " their match ended; %,d of them watch their own stream for the accepted"
                                    + " requests) ...%n",
                            options.newcomers(), newcomers.watched().size());
                    Map<String, Double> cpuBefore = processes.cpuSeconds();
                    long loadStarted = System.nanoTime();
                    RunResult main = loadRun.run("main run", options.rate(), options.warmup(), options.duration());
                    double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
                    Map<String, Double> cpuDuring = difference(processes.cpuSeconds(), cpuBefore);
                    ResultsTable.MainReport report = new ResultsTable.MainReport(
                            options,
                            seconds(seeded.took()),
                            seconds(propagation),
                            history,
                            idleCpu,
                            streams.open(),
                            streams.reopened(),
                            main,
                            kafkaIdle,
                            processes.memory(),
                            processes.complete(),
                            cpuDuring,
                            loadSeconds,
                            ledger.duplicateIds(),
                            ledger.duplicateEffects(),
                            loadBefore,
                            loadAverage());
                    printMain(report, ledger);
                    boolean failed = ResultsTable.correctnessFailed(report);

                    if (options.findMax()) {
                        failed |= new RateSearch(options, api, loadRun, newcomers, ledger, out).run(main);
                    }
                    KafkaProbe.deleteTopic(options.kafkaBootstrap());
                    return failed ? 1 : 0;
                }
            }
        }
    }

    /** One stream per mentor and the coordinator's, all open before anything is measured. */
    private void openStreams(InboxStreams streams, Population population, Seeding.Seeded seeded)
            throws InterruptedException {
        out.println("2. Opening notification streams ...");
        long opening = System.nanoTime();
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        opened.add(streams.open(population.coordinatorId(), seeded.coordinatorToken()));
        for (int i = 0; i < population.mentors(); i++) {
            opened.add(streams.open(population.mentorId(i), seeded.mentorTokens()[i]));
        }
        try {
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not open the notification streams", e);
        }
        out.printf("   %,d streams open in %.1f s%n", streams.open(), (System.nanoTime() - opening) / 1e9);
    }

    /** What the stack costs with its people connected and nothing asked of it: its floor under any load. */
    private Map<String, Double> measureIdleCpu(StackProcesses processes) throws InterruptedException {
        if (options.idleCpu().isZero()) {
            return Map.of();
        }
        out.printf(
                "   measuring the idle stack's CPU for %d s ...%n",
                options.idleCpu().toSeconds());
        if (!processes.complete()) {
            out.println("   (not every stack process was found: the stack's total covers only those found)");
        }
        Map<String, Double> idle = processes.cpuShareOver(options.idleCpu());
        out.println("   idle stack CPU (% of one core): " + ResultsTable.shares(idle));
        return idle;
    }

    private void printMain(ResultsTable.MainReport report, Ledger ledger) {
        RunResult run = report.run();
        out.println();
        out.println("## Results: " + run.label());
        out.println();
        out.print(ResultsTable.main(report));
        out.println();
        out.println(ResultsTable.verdict(report));
        out.println();
        out.println("### Where the time goes (" + run.label() + ", measured requests)");
        out.println();
        out.print(StageTable.render(run.stages()));
        out.println();
        out.println(StageTable.NOTE);
        Charts.report(
                out,
                "latency per stage",
                () -> Charts.writeStages(
                        Path.of(options.chartDir(), options.runId() + "-stages.png"),
                        "Samepath " + options.runId() + ", " + run.label() + " at "
                                + ResultsTable.trim(run.offeredRate()) + "/s: latency per stage",
                        run.stages()));
        out.println("Notifications seen on the streams, by type: " + ledger.countsByType());
        if (run.noFreeNewcomer() > 0) {
            out.printf(
                    "%,d sends were not made: no newcomer was free at their send time (the population of %,d turned"
                            + " over too slowly at this rate); the offered rate was not fully offered%n",
                    run.noFreeNewcomer(), options.newcomers());
        }
        if (!run.failureExamples().isEmpty()) {
            out.println("Refused or unanswered, e.g.: " + run.failureExamples());
        }
        if (!run.unanswered().lostExamples().isEmpty()) {
            out.println(
                    "Unanswered and never created, e.g.: " + run.unanswered().lostExamples());
        }
        if (!run.reconciliation().lostExamples().isEmpty()) {
            out.println("Not seen on a stream, e.g.: " + run.reconciliation().lostExamples());
        }
        ledger.duplicateExamples().forEach(example -> out.println("Duplicate: " + example));
    }

    private void requireReady(StackApi api) {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("profile-service", options.profileUrl());
        services.put("matching-service", options.matchingUrl());
        services.put("notification-service", options.notificationUrl());
        for (Map.Entry<String, String> service : services.entrySet()) {
            StackApi.Reply reply;
            try {
                reply = api.call("GET", service.getValue() + "/actuator/health/readiness", null, null)
                        .join();
            } catch (RuntimeException e) {
                throw new IllegalStateException(service.getKey() + " does not answer at " + service.getValue()
                        + "; start the stack first: ./mvnw -B -DskipTests package spring-boot:run -pl local-stack -am");
            }
            if (!reply.ok()) {
                throw new IllegalStateException(service.getKey() + " is not ready: " + reply.body());
            }
        }
    }

    /**
     * Mentors left by an earlier run would get proposals nobody watches (their streams are not open), so the figures
     * are only meaningful on a freshly started stack.
     */
    private void requireFreshStack(StackApi api) {
        double mentorsAlready = Propagation.poolGauge(api, options);
        if (mentorsAlready > 0) {
            throw new IllegalStateException(String.format(
                    "matching-service already holds %,.0f mentors from an earlier run; restart the local stack"
                            + " (it keeps its data in memory only) so that every proposal goes to a mentor this run"
                            + " watches",
                    mentorsAlready));
        }
    }

    private static List<Integer> shuffledNewcomers(Population population) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < population.newcomers(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        return order;
    }

    private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        return used;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "n/a";
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
