package org.samepath.loaddriver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line flags ({@code --name value} or {@code --name=value}); every one has a default. */
record DriverOptions(
        int mentors,
        int newcomers,
        double rate,
        Duration duration,
        Duration warmup,
        Duration drain,
        Duration catchUpLimit,
        int acceptEvery,
        double waitlistShare,
        int seedConcurrency,
        int kafkaProbeRoundTrips,
        boolean findMax,
        boolean reusePeople,
        double findMaxStart,
        double findMaxStep,
        double findMaxLimit,
        Duration stepDuration,
        double p50TargetMillis,
        double p99TargetMillis,
        long rssTargetMib,
        int maxInFlight,
        String profileUrl,
        String matchingUrl,
        String notificationUrl,
        String issuerUrl,
        String kafkaBootstrap,
        String mongodbUri,
        String runId,
        int historyRequests,
        int historyOpenProposals,
        Duration idleCpu,
        String chartDir) {

    static final String USAGE =
            """
            Usage: java -jar load-driver/target/load-driver.jar [flags]   (against a running local stack)
              --mentors N             mentors to create and approve (5000)
              --newcomers N           newcomers to create (20000); each is reused once its request is withdrawn
                                      or its match ended, so any rate x duration works with at least rate x 5 s
              --rate R                match requests offered per second, open loop (200)
              --duration S            seconds of measured load (60)
              --warmup S              seconds at the same rate before measuring, not in the latencies (10)
              --drain S               seconds to wait for notifications after the last request (30)
              --catch-up-limit S      seconds to wait for every service to hold the seeded people (1800)
              --accept-every K        every K-th request's mentor accepts at once; 0 = none (10)
              --waitlist-share F      share of newcomers who MUST have a language no mentor speaks (0.02)
              --seed-concurrency N    people being created at once while seeding (64)
              --kafka-round-trips N   producer->consumer round trips of the idle Kafka probe (1000)
              --find-max              after the run, step the rate up to find the highest with p99 within target
              --find-max-start R      first rate of the search (100)
              --find-max-step R       rate increment (50)
              --find-max-limit R      highest rate tried (1000)
              --step-duration S       seconds per step of the search (20)
              --p50-target-ms, --p99-target-ms, --rss-target-mib   targets (30, 150, 2560)
              --max-in-flight N       requests outstanding before the driver counts a send as dropped (5000)
              --profile-url, --matching-url, --notification-url, --issuer-url, --kafka   endpoints
                                      (http://127.0.0.1:8081, :8082, :8083, :8090, 127.0.0.1:9092)
              --mongodb-uri URI       the MongoDB stand-in, for --history-* only (mongodb://127.0.0.1:27017)
              --run-id ID             prefix of every person id (lr<time>); a new one per run keeps runs apart
              --reuse-people          with the --run-id of an earlier run that seeded this stack but did not get to
                                      the load (e.g. it timed out waiting): mint tokens only, do not create people
              --history-requests N    before seeding, write N closed match requests (a year of history) straight
                                      into the services' databases (0)
              --history-open-proposals M   and M open proposals to mentors outside the pool, due in a year (0)
              --idle-cpu S            after seeding, with the streams open and nothing offered, measure the stack's
                                      CPU for S seconds (0 = skip)
              --chart-dir DIR         where the PNG charts go (load-driver/target/bench)
            """;

    /** The least time a newcomer population must carry at the offered rate before the first one is free again. */
    static final Duration MIN_TURNOVER = Duration.ofSeconds(5);

    private static final Set<String> SWITCHES = Set.of("find-max", "reuse-people", "help");

    static DriverOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (SWITCHES.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            given.put(name, value);
        }
        if (given.containsKey("help")) {
            throw new IllegalArgumentException("");
        }
        Flags flags = new Flags(given);
        DriverOptions options = new DriverOptions(
                flags.integer("mentors", 5_000),
                flags.integer("newcomers", 20_000),
                flags.decimal("rate", 200),
                flags.seconds("duration", 60),
                flags.seconds("warmup", 10),
                flags.seconds("drain", 30),
                flags.seconds("catch-up-limit", 1800),
                flags.integer("accept-every", 10),
                flags.decimal("waitlist-share", 0.02),
                flags.integer("seed-concurrency", 64),
                flags.integer("kafka-round-trips", 1_000),
                Boolean.parseBoolean(flags.text("find-max", "false")),
                Boolean.parseBoolean(flags.text("reuse-people", "false")),
                flags.decimal("find-max-start", 100),
                flags.decimal("find-max-step", 50),
                flags.decimal("find-max-limit", 1_000),
                flags.seconds("step-duration", 20),
                flags.decimal("p50-target-ms", 30),
                flags.decimal("p99-target-ms", 150),
                flags.integer("rss-target-mib", 2_560),
                flags.integer("max-in-flight", 5_000),
                flags.text("profile-url", "http://127.0.0.1:8081"),
                flags.text("matching-url", "http://127.0.0.1:8082"),
                flags.text("notification-url", "http://127.0.0.1:8083"),
                flags.text("issuer-url", "http://127.0.0.1:8090"),
                flags.text("kafka", "127.0.0.1:9092"),
                flags.text("mongodb-uri", "mongodb://127.0.0.1:27017"),
                flags.text("run-id", "lr" + Long.toString(System.currentTimeMillis() / 1000, 36)),
                flags.integer("history-requests", 0),
                flags.integer("history-open-proposals", 0),
                flags.seconds("idle-cpu", 0),
                flags.text("chart-dir", "load-driver/target/bench"));
        flags.rejectUnknown();
        if (options.reusePeople() && !given.containsKey("run-id")) {
            throw new IllegalArgumentException("--reuse-people needs the --run-id of the run that seeded the stack");
        }
        options.validate();
        return options;
    }

    /** Requests the main run offers: warm-up plus measured. */
    int mainRunRequests() {
        return requestsAt(rate, warmup.plus(duration));
    }

    /**
     * The fewest newcomers that carry {@code rate}: each is busy from its send until its proposal (or waitlist alert,
     * or match start) is seen and its request withdrawn (or match ended), so the population must cover at least
     * {@link #MIN_TURNOVER} of sends.
     */
    static int minimumNewcomers(double rate) {
        return (int) Math.ceil(rate * MIN_TURNOVER.toMillis() / 1000.0);
    }

    /**
     * How many newcomers keep their own stream open to serve the sampled (accepted) requests: their share of the
     * population is the sampled share of the requests, so both lanes turn over equally fast; never more than the
     * largest run samples (then each is used once at most, as many streams as sampled requests).
     */
    int watchedNewcomers() {
        if (acceptEvery == 0) {
            return 0;
        }
        int largestRun = mainRunRequests();
        if (findMax) {
            largestRun = Math.max(largestRun, requestsAt(findMaxLimit, stepDuration));
        }
        int sampledAtMost = (largestRun + acceptEvery - 1) / acceptEvery;
        int share = (newcomers + acceptEvery - 1) / acceptEvery;
        return Math.min(newcomers, Math.min(sampledAtMost, share));
    }

    boolean loadsHistory() {
        return historyRequests > 0 || historyOpenProposals > 0;
    }

    static int requestsAt(double rate, Duration window) {
        return (int) Math.round(rate * window.toMillis() / 1000.0);
    }

    private void validate() {
        if (mentors < 1 || newcomers < 1 || rate <= 0 || duration.isZero()) {
            throw new IllegalArgumentException("mentors, newcomers, rate and duration must be positive");
        }
        if (newcomers < minimumNewcomers(rate)) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "--newcomers %d is too few for --rate %s: a newcomer is reused only once its last request is"
                            + " withdrawn or its match ended, so at least rate x %d s = %d are needed",
                    newcomers,
                    ResultsTable.trim(rate),
                    MIN_TURNOVER.toSeconds(),
                    minimumNewcomers(rate)));
        }
        if (waitlistShare < 0 || waitlistShare > 1 || acceptEvery < 0) {
            throw new IllegalArgumentException("--waitlist-share must be in [0, 1] and --accept-every >= 0");
        }
        if (historyRequests < 0 || historyOpenProposals < 0 || idleCpu.isNegative() || seedConcurrency < 1) {
            throw new IllegalArgumentException(
                    "--history-requests, --history-open-proposals and --idle-cpu must be >= 0, --seed-concurrency >= 1");
        }
        if (!runId.matches("[A-Za-z0-9]{1,20}")) {
            throw new IllegalArgumentException("--run-id must be 1-20 letters and digits");
        }
    }

    private static final class Flags {
        private final Map<String, String> given;
        private final Set<String> known = new java.util.HashSet<>();

        Flags(Map<String, String> given) {
            this.given = given;
        }

        String text(String name, String fallback) {
            known.add(name);
            return given.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(text(name, String.valueOf(fallback)));
        }

        double decimal(String name, double fallback) {
            return Double.parseDouble(text(name, String.valueOf(fallback)));
        }

        Duration seconds(String name, long fallback) {
            return Duration.ofMillis(Math.round(decimal(name, fallback) * 1000));
        }

        void rejectUnknown() {
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("Unknown flag --" + name);
                }
            }
        }
    }
}
