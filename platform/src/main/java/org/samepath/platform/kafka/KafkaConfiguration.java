package org.samepath.platform.kafka;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
@Import(DeadLetterConfiguration.class)
public class KafkaConfiguration {

    @Bean
    TopicDeclarations topicDeclarations(TopicProperties properties) {
        return new TopicDeclarations(properties);
    }

    @Bean(name = "kafkaHealthIndicator", destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
