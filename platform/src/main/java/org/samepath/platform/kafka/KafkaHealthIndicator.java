package org.samepath.platform.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/** Ready only while the Kafka cluster answers: a service that cannot publish or consume should not take traffic. */
class KafkaHealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MILLIS = 2000;

    private final AdminClient admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("request.timeout.ms", TIMEOUT_MILLIS);
        config.put("default.api.timeout.ms", TIMEOUT_MILLIS);
        this.admin = AdminClient.create(config);
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster =
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS));
            String clusterId = cluster.clusterId().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            int brokers =
                    cluster.nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
            return Health.up()
                    .withDetail("clusterId", clusterId)
                    .withDetail("brokers", brokers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }

    void close() {
        admin.close();
    }
}
