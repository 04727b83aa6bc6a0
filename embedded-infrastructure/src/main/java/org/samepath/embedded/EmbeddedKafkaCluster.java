package org.samepath.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A small real Kafka cluster in this JVM, for replication faults: one KRaft controller and {@code n} brokers (separate
 * processes roles, as in production, so stopping a broker never costs the controller quorum), each on its own fixed
 * loopback port and data directory. Internal topics are replicated to three brokers with {@code min.insync.replicas}
 * 2 and no unclean leader election. A broker can be stopped (a controlled shutdown: its leaderships move at once) and
 * restarted on the same port and data, as often as a test likes.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";
    private static final int CONTROLLER_ID = 100;

    private final Path root;
    private final KafkaRaftServer controller;
    private final List<Node> brokers;

    private record Node(int id, int port, Properties config, KafkaRaftServer[] server) {}

    private EmbeddedKafkaCluster(Path root, KafkaRaftServer controller, List<Node> brokers) {
        this.root = root;
        this.controller = controller;
        this.brokers = brokers;
    }

    /** Starts a controller and {@code brokers} brokers (at least three) and returns once all of them answer. */
    public static EmbeddedKafkaCluster start(int brokers) {
        if (brokers < 3) {
            throw new IllegalArgumentException("A replicated cluster needs at least three brokers");
        }
        try {
            Path root = Files.createTempDirectory("samepath-kafka-cluster-");
            String clusterId = Uuid.randomUuid().toString();
            int controllerPort = freePort();
            String voters = CONTROLLER_ID + "@127.0.0.1:" + controllerPort;

            Properties controllerConfig = common(root.resolve("controller"), voters);
            controllerConfig.putAll(Map.of(
                    "process.roles",
                    "controller",
                    "node.id",
                    String.valueOf(CONTROLLER_ID),
                    "listeners",
                    CONTROLLER + "://127.0.0.1:" + controllerPort));
            format(root.resolve("controller"), CONTROLLER_ID, clusterId);
            KafkaRaftServer controller =
                    new KafkaRaftServer(KafkaConfig.fromProps(controllerConfig, false), Time.SYSTEM);
            controller.startup();

            List<Node> nodes = new ArrayList<>();
            for (int id = 1; id <= brokers; id++) {
                int port = freePort();
                Path data = root.resolve("broker-" + id);
                Properties config = common(data, voters);
                config.putAll(Map.of(
                        "process.roles",
                        "broker",
                        "node.id",
                        String.valueOf(id),
                        "listeners",
                        "PLAINTEXT://127.0.0.1:" + port,
                        "advertised.listeners",
                        "PLAINTEXT://127.0.0.1:" + port,
                        "inter.broker.listener.name",
                        "PLAINTEXT"));
                format(data, id, clusterId);
                nodes.add(new Node(id, port, config, new KafkaRaftServer[1]));
            }
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(root, controller, nodes);
            nodes.forEach(cluster::startBroker);
            cluster.awaitBrokers(brokers, Duration.ofSeconds(60));
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties common(Path data, String voters) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("controller.quorum.voters", voters),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                Map.entry("log.dirs", data.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "3"),
                Map.entry("min.insync.replicas", "2"),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "3"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "3"),
                Map.entry("transaction.state.log.min.isr", "2"),
                Map.entry("share.coordinator.state.topic.replication.factor", "3"),
                Map.entry("share.coordinator.state.topic.min.isr", "2"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // No forced flush per message: as in production, durability comes from the three replicas.
                Map.entry("controlled.shutdown.enable", "true")));
        return config;
    }

    private static void format(Path data, int nodeId, String clusterId) {
        try {
            Files.createDirectories(data);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(data.toString()))
                    .setMetadataLogDirectory(Optional.of(data.toString()))
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format " + data, e);
        }
    }

    public String bootstrapServers() {
        return brokers.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    /** The ids of the brokers, 1 to n. */
    public List<Integer> brokerIds() {
        return brokers.stream().map(Node::id).toList();
    }

    public synchronized boolean isRunning(int brokerId) {
        return node(brokerId).server()[0] != null;
    }

    /** Stops one broker (a controlled shutdown), keeping its port and data. */
    public synchronized void stopBroker(int brokerId) {
        KafkaRaftServer[] server = node(brokerId).server();
        if (server[0] != null) {
            server[0].shutdown();
            server[0].awaitShutdown();
            server[0] = null;
        }
    }

    /** Starts a stopped broker again on the same port and data; it catches up and rejoins the ISRs by itself. */
    public synchronized void restartBroker(int brokerId) {
        stopBroker(brokerId);
        startBroker(node(brokerId));
    }

    private void startBroker(Node node) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(node.config(), false), Time.SYSTEM);
        server.startup();
        node.server()[0] = server;
    }

    private Node node(int brokerId) {
        return brokers.stream()
                .filter(node -> node.id() == brokerId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No broker " + brokerId));
    }

    private void awaitBrokers(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (Exception notYet) {
                    // not all up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The cluster did not start within " + timeout);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        brokers.forEach(node -> stopBroker(node.id()));
        controller.shutdown();
        controller.awaitShutdown();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary files only; the operating system will clean up.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
