package org.samepath.notification;

import org.apache.kafka.clients.admin.NewTopic;
import org.samepath.contracts.Topics;
import org.samepath.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics notification-service consumes and their dead-letter topics (same definitions as their producers'). */
@Configuration(proxyBeanMethods = false)
class NotificationTopicsConfiguration {

    @Bean
    NewTopic contactPointsTopic(TopicDeclarations topics) {
        return topics.topic(Topics.CONTACT_POINTS);
    }

    @Bean
    NewTopic contactPointsDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.CONTACT_POINTS);
    }

    @Bean
    NewTopic matchingTopic(TopicDeclarations topics) {
        return topics.topic(Topics.MATCHING);
    }

    @Bean
    NewTopic matchingDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.MATCHING);
    }

    @Bean
    NewTopic safetyTopic(TopicDeclarations topics) {
        return topics.topic(Topics.SAFETY);
    }

    @Bean
    NewTopic safetyDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.SAFETY);
    }
}
