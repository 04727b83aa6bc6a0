package org.samepath.platform.kafka;

import org.apache.kafka.common.TopicPartition;
import org.samepath.contracts.Topics;
import org.samepath.platform.events.UnreadableEventException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * What happens to a record a listener cannot process: transient failures (MongoDB briefly away) are retried with a
 * bounded exponential back-off; then, or at once for a record that can never be read, it goes to
 * {@code <topic>.dlt} with its original bytes and headers plus the exception, and the partition moves on. Boot's
 * listener container factory picks this handler up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaRetryProperties.class)
public class DeadLetterConfiguration {

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaOperations<Object, Object> kafka, KafkaRetryProperties retry) {
        // Partition -1 lets the producer choose, so a dead-letter topic need not mirror the source's partitions.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        return handler;
    }
}
