package org.samepath.profile;

import org.apache.kafka.clients.admin.NewTopic;
import org.samepath.contracts.Topics;
import org.samepath.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics profile-service produces (it owns their creation) and those it consumes, with dead letters. */
@Configuration(proxyBeanMethods = false)
class ProfileConfiguration {

    @Bean
    NewTopic profilesTopic(TopicDeclarations topics) {
        return topics.topic(Topics.PROFILES);
    }

    @Bean
    NewTopic contactPointsTopic(TopicDeclarations topics) {
        return topics.topic(Topics.CONTACT_POINTS);
    }

    @Bean
    NewTopic safetyTopic(TopicDeclarations topics) {
        return topics.topic(Topics.SAFETY);
    }

    /** Consumed to learn who may see whose shareable view. */
    @Bean
    NewTopic matchingTopic(TopicDeclarations topics) {
        return topics.topic(Topics.MATCHING);
    }

    @Bean
    NewTopic matchingDeadLetterTopic(TopicDeclarations topics) {
        return topics.deadLetterTopicOf(Topics.MATCHING);
    }
}
