package org.samepath.profile;

import org.apache.kafka.clients.admin.NewTopic;
import org.samepath.contracts.Topics;
import org.samepath.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics profile-service produces: it owns their creation. */
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
}
