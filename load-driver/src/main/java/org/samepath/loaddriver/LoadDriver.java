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
import java.util.concurrent.TimeUnit;

/**
 * The load and latency benchmark against a running local stack: seeds mentors and newcomers through the APIs, opens
 * every mentor's notification stream, measures the raw Kafka round trip, offers match requests open-loop at a fixed
 * rate and measures how long each takes to reach the proposed mentor's stream, then prints a results table. Exits 1
 * if any request was lost, any notification duplicated or missing from its stream; 2 if it could not run.
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

            out.println(
                    options.reusePeople()
                            ? "1. Minting tokens for the people an earlier run created ..."
                            : "1. Seeding people through the APIs ...");
            Seeding.Seeded seeded =
                    new Seeding(api, population, options.seedConcurrency(), options.reusePeople(), out).run();
            out.printf(
                    "   seeded %,d people in %.1f s%n",
                    options.mentors() + options.newcomers(), seconds(seeded.took()));
            Duration propagation = Propagation.await(api, options, population, options.catchUpLimit(), out);
            out.printf("   every service caught up %.1f s later%n", seconds(propagation));

            Map<String, String> mentorTokens = new HashMap<>();
            for (int i = 0; i < population.mentors(); i++) {
                mentorTokens.put(population.mentorId(i), seeded.mentorTokens()[i]);
            }
            Ledger ledger = new Ledger();
            try (InboxStreams streams = new InboxStreams(options.notificationUrl(), ledger)) {
                out.println("2. Opening notification streams ...");
                long opening = System.nanoTime();
                List<CompletableFuture<Void>> opened = new ArrayList<>();
                opened.add(streams.open(population.coordinatorId(), seeded.coordinatorToken()));
                for (int i = 0; i < population.mentors(); i++) {
                    opened.add(streams.open(population.mentorId(i), seeded.mentorTokens()[i]));
                }
                CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
                        .get(5, TimeUnit.MINUTES);
                out.printf("   %,d streams open in %.1f s%n", streams.open(), (System.nanoTime() - opening) / 1e9);

                out.println("3. Kafka alone on the same broker ...");
                KafkaProbe.createTopic(options.kafkaBootstrap());
                KafkaProbe.Result kafkaIdle = KafkaProbe.idle(options.kafkaBootstrap(), options.kafkaProbeRoundTrips());
                out.println("   send -> consumed p50/p90/p99/max: "
                        + kafkaIdle.latencies().summary());

                Acceptances acceptances = new Acceptances(api, ledger, mentorTokens);
                LoadRun loadRun = new LoadRun(new LoadRun.Context(
                        options, api, ledger, streams, acceptances, population, seeded, mentorTokens, out));
                List<Integer> newcomers = shuffledNewcomers(population);

                out.println("4. Offering match requests ...");
                Map<String, Double> cpuBefore = processes.cpuSeconds();
                long loadStarted = System.nanoTime();
                RunResult main =
                        loadRun.run("main run", options.rate(), options.warmup(), options.duration(), newcomers);
                double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
                Map<String, Double> cpuDuring = difference(processes.cpuSeconds(), cpuBefore);
                ResultsTable.MainReport report = new ResultsTable.MainReport(
                        options,
                        seconds(seeded.took()),
                        seconds(propagation),
                        streams.open(),
                        streams.reopened(),
                        main,
                        kafkaIdle,
                        processes.memory(),
                        cpuDuring,
                        loadSeconds,
                        ledger.duplicateIds(),
                        ledger.duplicateEffects(),
                        loadBefore,
                        loadAverage());
                printMain(report, ledger);
                boolean failed = ResultsTable.correctnessFailed(report);

                if (options.findMax()) {
                    failed |= new RateSearch(options, api, loadRun, seeded, ledger, out).run(newcomers, main);
                }
                KafkaProbe.deleteTopic(options.kafkaBootstrap());
                return failed ? 1 : 0;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Could not open the notification streams", e);
            }
        }
    }

    private void printMain(ResultsTable.MainReport report, Ledger ledger) {
        RunResult run = report.run();
        out.println();
        out.println("## Results: " + run.label());
        out.println();
        out.print(ResultsTable.main(report));
        out.println();
        out.println(ResultsTable.verdict(report));
        out.println("Notifications seen on the streams, by type: " + ledger.countsByType());
        if (!run.failureExamples().isEmpty()) {
            out.println("Refused or unanswered, e.g.: " + run.failureExamples());
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
