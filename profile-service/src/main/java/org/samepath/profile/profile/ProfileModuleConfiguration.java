package org.samepath.profile.profile;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.profile.vocabulary.Vocabulary;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Vocabulary.class)
class ProfileModuleConfiguration {

    @Bean
    ProfileManagement profileManagement(
            MongoDatabase database, Vocabulary vocabulary, Outbox outbox, OutboxRelay relay, Clock clock) {
        return new ProfileManagement(database, new ProfileValidator(vocabulary), outbox, relay, clock);
    }
}
