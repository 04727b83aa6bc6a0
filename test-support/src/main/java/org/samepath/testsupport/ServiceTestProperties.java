package org.samepath.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the shared test infrastructure and the test token issuer. Call it from a
 * {@code @DynamicPropertySource} method with the service's own database name.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {}

    public static void register(DynamicPropertyRegistry registry, String database) {
        Infrastructure infrastructure = TestInfrastructure.shared();
        TestTokenIssuer issuer = TestTokenIssuer.shared();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", () -> infrastructure.mongoUri(database));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
        registry.add("samepath.kafka.topics.partitions", () -> "1");
        // Each test context its own consumer groups: contexts in one JVM must not split a topic's partitions.
        registry.add("samepath.kafka.group-prefix", () -> database + "-");
        registry.add("samepath.kafka.retry.max-retries", () -> "2");
        registry.add("samepath.kafka.retry.initial-interval", () -> "50ms");
        // Every request traced in tests (production samples a share): trace propagation is asserted.
        registry.add("management.tracing.sampling.probability", () -> "1.0");
    }
}
