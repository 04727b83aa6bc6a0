package org.samepath.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.samepath.embedded.EmbeddedKafka;
import org.samepath.embedded.EmbeddedMongo;
import org.samepath.embedded.SmtpCatcher;
import org.samepath.localstack.issuer.DevTokenIssuer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on loopback: Kafka, MongoDB stand-in, SMTP catcher and development token issuer in this JVM, the
 * three services in their own JVMs. {@link #close} stops everything in reverse order.
 */
public final class RunningStack implements AutoCloseable {

    public static final String PROFILE = "profile-service";
    public static final String MATCHING = "matching-service";
    public static final String NOTIFICATION = "notification-service";
    // About 40 s on a quiet 2-core machine; generous because a loaded machine (parallel builds) can take minutes.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new HashMap<>();
    private final StackSettings settings;
    private EmbeddedKafka kafka;
    private String kafkaBootstrap;
    private String mongoBaseUri;
    private SmtpCatcher smtp;
    private String issuerUrl;

    /** Service ports, chosen before anything starts: the issuer must know the dashboard's redirect address. */
    private final Map<String, Integer> ports = new HashMap<>();

    private RunningStack(StackSettings settings) {
        this.settings = settings;
        ports.put(PROFILE, freeIfZero(settings.profilePort()));
        ports.put(MATCHING, freeIfZero(settings.matchingPort()));
        ports.put(NOTIFICATION, freeIfZero(settings.notificationPort()));
    }

    public static RunningStack start(StackSettings settings) {
        RunningStack stack = new RunningStack(settings);
        try {
            stack.startInfrastructure();
            stack.startServices();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        if (settings.externalKafka() == null) {
            kafka = EmbeddedKafka.start(settings.kafkaPort());
            infrastructure.add(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        } else {
            kafkaBootstrap = settings.externalKafka();
        }
        if (settings.externalMongoBaseUri() == null) {
            EmbeddedMongo mongo = EmbeddedMongo.start(settings.mongoPort());
            infrastructure.add(mongo);
            mongoBaseUri = "mongodb://127.0.0.1:" + mongo.port();
        } else {
            mongoBaseUri = settings.externalMongoBaseUri();
        }
        smtp = SmtpCatcher.start(settings.smtpPort());
        infrastructure.add(smtp);
        int issuerPort = freeIfZero(settings.issuerPort());
        issuerUrl = "http://127.0.0.1:" + issuerPort;
        int matchingPort = ports.get(MATCHING);
        ConfigurableApplicationContext issuer = DevTokenIssuer.start(
                issuerPort,
                issuerUrl,
                List.of(
                        "http://127.0.0.1:" + matchingPort + "/login/oauth2/code/samepath",
                        "http://localhost:" + matchingPort + "/login/oauth2/code/samepath"));
        infrastructure.add(issuer::close);
    }

    private void startServices() {
        Path logs = settings.projectRoot().resolve("local-stack/target/logs");
        for (String name : List.of(PROFILE, MATCHING, NOTIFICATION)) {
            services.put(
                    name,
                    ServiceProcess.start(
                            name,
                            settings.projectRoot().resolve(name + "/target/" + name + "-exec.jar"),
                            ports.get(name),
                            environmentFor(name),
                            settings.serviceJvmOptions(),
                            logs));
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        services.values().forEach(service -> service.awaitReady(deadline));
    }

    private Map<String, String> environmentFor(String service) {
        String database = "samepath_" + service.substring(0, service.indexOf('-'));
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        environment.put("MONGODB_URI", mongoUri(database));
        environment.put("OIDC_ISSUER_URI", issuerUrl);
        environment.put("OIDC_JWK_SET_URI", issuerUrl + "/oauth2/jwks");
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(smtp.port()));
        // Twelve partitions, and as many consumers in the services that fan out per event (notification-service's
        // announcements, profile-service's viewing grants): each record costs them a few database round trips, so
        // their throughput grows with the consumers working side by side, while a key's records stay in order.
        environment.put("SAMEPATH_TOPIC_PARTITIONS", "12");
        environment.put("KAFKA_LISTENER_CONCURRENCY", System.getenv().getOrDefault("KAFKA_LISTENER_CONCURRENCY", "12"));
        // notification-service announces the matching topic a poll at a time, so four consumers (three partitions
        // each) keep up with fewer broker fetches than twelve.
        environment.put(
                "NOTIFICATION_MATCHING_CONSUMERS",
                System.getenv().getOrDefault("NOTIFICATION_MATCHING_CONSUMERS", "4"));
        environment.put("SAMEPATH_TOPIC_REPLICATION_FACTOR", "1");
        // The dashboard (matching-service) asks profile-service to approve mentors on a coordinator's behalf.
        environment.put("PROFILE_SERVICE_URL", "http://127.0.0.1:" + ports.get(PROFILE));
        return environment;
    }

    /** The connection string of one service's database. */
    public String mongoUri(String database) {
        String base = mongoBaseUri;
        int query = base.indexOf('?');
        String options = query < 0 ? "" : base.substring(query);
        String hosts = query < 0 ? base : base.substring(0, query);
        if (hosts.matches("mongodb://[^/]+/.*")) {
            hosts = hosts.substring(0, hosts.indexOf('/', "mongodb://".length()));
        }
        return hosts + "/" + database + options;
    }

    public String url(String service) {
        return services.get(service).url();
    }

    public String issuerUrl() {
        return issuerUrl;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public SmtpCatcher smtp() {
        return smtp;
    }

    public Path log(String service) {
        return services.get(service).log();
    }

    public long pid(String service) {
        return services.get(service).pid();
    }

    /** Kills a service at once with SIGKILL, as a crash would (fault tests). */
    public void kill(String service) {
        services.get(service).kill();
    }

    /** Stops a service gracefully (SIGTERM, then SIGKILL after 20 s), as a redeployment would (fault tests). */
    public void stop(String service) {
        services.get(service).stop(Duration.ofSeconds(20));
    }

    /**
     * Starts a stopped or killed service again on the same port with the same configuration (so on the same Kafka
     * and MongoDB), and waits until it is ready (fault tests).
     */
    public void restart(String service) {
        ServiceProcess restarted = services.get(service).startAgain();
        services.put(service, restarted);
        restarted.awaitReady(Instant.now().plus(READY_TIMEOUT));
    }

    /** The broker this stack started, which can be stopped and restarted (fault tests); none when Kafka is external. */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external to this stack: " + kafkaBootstrap);
        }
        return kafka;
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(service -> service.stop(Duration.ofSeconds(20)));
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
    }

    private static int freeIfZero(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
