package org.samepath.localstack;

import java.nio.file.Path;

/**
 * Where the local stack listens and what it starts. Port 0 means "any free port" (tests). When
 * {@code externalKafka}/{@code externalMongo} are set, the stack uses those instead of starting its own (tests on
 * Testcontainers).
 *
 * @param projectRoot the reactor root, where each service's {@code target/<service>-exec.jar} is
 */
public record StackSettings(
        Path projectRoot,
        int kafkaPort,
        int mongoPort,
        int smtpPort,
        int issuerPort,
        int profilePort,
        int matchingPort,
        int notificationPort,
        String externalKafka,
        String externalMongoBaseUri,
        String serviceJvmOptions) {

    /** The documented ports of ../shared/API.md, overridable by environment variables. */
    public static StackSettings fromEnvironment(Path projectRoot) {
        return new StackSettings(
                projectRoot,
                port("SAMEPATH_KAFKA_PORT", 9092),
                port("SAMEPATH_MONGO_PORT", 27017),
                port("SAMEPATH_SMTP_PORT", 3025),
                port("SAMEPATH_ISSUER_PORT", 8090),
                port("SAMEPATH_PROFILE_PORT", 8081),
                port("SAMEPATH_MATCHING_PORT", 8082),
                port("SAMEPATH_NOTIFICATION_PORT", 8083),
                null,
                null,
                System.getenv().getOrDefault("SAMEPATH_SERVICE_JVM_OPTIONS", DEFAULT_JVM_OPTIONS));
    }

    /** Every port free-chosen, services on the given Kafka and MongoDB. */
    public static StackSettings forTests(Path projectRoot, String kafkaBootstrap, String mongoBaseUri) {
        return new StackSettings(projectRoot, 0, 0, 0, 0, 0, 0, 0, kafkaBootstrap, mongoBaseUri, DEFAULT_JVM_OPTIONS);
    }

    /**
     * Small heaps and a serial collector: three services and the infrastructure share two cores and a laptop. Only the
     * first, quick compiler tier (as Spring Boot's own {@code spring-boot:run} does by default): with the optimising
     * tier, each service's compilations competed with the work for the two cores through the first minutes of load,
     * and at a fifth of the scale and 100 requests/s the stack answered 60/s; with this, 79.5/s. Code compiled by the
     * quick tier is slower, which should tell in a long-running deployment (not measured here), so docker-compose
     * leaves the JVM's default.
     */
    public static final String DEFAULT_JVM_OPTIONS =
            "-Xmx320m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=96m -XX:TieredStopAtLevel=1";

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
