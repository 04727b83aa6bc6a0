package org.samepath.matching;

import org.apache.kafka.clients.admin.NewTopic;
import org.samepath.contracts.Topics;
import org.samepath.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics matching-service produces, and those it consumes with their dead-letter topics. Declaring a topic its
 * producer also declares is harmless (same definition), and lets this service start first.
 */
@Configuration(proxyBeanMethods = false)
class MatchingTopicsConfiguration {

    @Bean
    NewTopic matchingTopic(TopicDeclarations topics) {
        return topics.topic(Topics.MATCHING);
    }

    @Bean
    NewTopic safetyTopic(TopicDeclarations topics) {
        return topics.topic(Topics.SAFETY);
    }

    @Bean
    NewTopic safetyDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.SAFETY);
    }

    @Bean
    NewTopic profilesTopic(TopicDeclarations topics) {
        return topics.topic(Topics.PROFILES);
    }

    @Bean
    NewTopic profilesDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.PROFILES);
    }
}
