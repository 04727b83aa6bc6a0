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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
 * A real Apache Kafka broker in KRaft mode (one node, combined broker and controller) inside this JVM, started from
 * the Kafka jars the way {@code kafka-server-start.sh} would, on a fixed or free loopback port. It can be stopped
 * and restarted on the same port and data (broker restart faults). Topics are created only by their owners'
 * declarations, as in production, so a consumer that starts first cannot create a topic with the wrong settings.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final Path dataDirectory;
    private final int port;
    private final Properties config;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDirectory, int port, Properties config) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.config = config;
    }

    /** Starts a broker on 127.0.0.1:{@code port}, or on a free port when {@code port} is 0. */
    public static EmbeddedKafka start(int port) {
        try {
            Path dataDirectory = Files.createTempDirectory("samepath-kafka-");
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Properties config = config(dataDirectory, brokerPort, controllerPort);
            format(dataDirectory);
            EmbeddedKafka kafka = new EmbeddedKafka(dataDirectory, brokerPort, config);
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties config(Path dataDirectory, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDirectory.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // No fsync per message (Kafka's default, as in production): an append is in the page cache as soon
                // as the broker acknowledges it, so a killed or restarted broker process loses nothing; an fsync
                // guards only against the machine itself failing, and costs a disk flush per event.
                Map.entry("log.cleaner.backoff.ms", "1000")));
        return config;
    }

    private static void format(Path dataDirectory) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDirectory.toString()))
                    .setMetadataLogDirectory(Optional.of(dataDirectory.toString()))
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka data directory", e);
        }
    }

    private synchronized void startServer() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        awaitBrokerAnswers(Duration.ofSeconds(60));
    }

    private void awaitBrokerAnswers(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka did not start within " + timeout, notYet);
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker, keeping its data and port, as a broker restart would. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same port and data after {@link #stop}. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
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
