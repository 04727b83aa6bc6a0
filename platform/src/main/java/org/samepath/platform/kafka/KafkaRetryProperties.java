package org.samepath.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Bounded back-off for a record whose processing failed, before it is dead-lettered. */
@ConfigurationProperties("samepath.kafka.retry")
public record KafkaRetryProperties(
        @DefaultValue("4") int maxRetries,
        @DefaultValue("200ms") Duration initialInterval,
        @DefaultValue("3s") Duration maxInterval) {}
