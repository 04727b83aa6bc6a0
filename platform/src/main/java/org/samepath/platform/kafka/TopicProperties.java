package org.samepath.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partitions and replication of Samepath topics: 1 on the local stack, 3 replicas with min.insync.replicas=2 in
 * production.
 */
@ConfigurationProperties("samepath.kafka.topics")
public record TopicProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas) {}
