package org.samepath.profile.safety;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.profile.access.ViewingGrants;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyProperties.class)
class SafetyConfiguration {

    @Bean
    SafetyDesk safetyDesk(MongoDatabase database, ViewingGrants grants, Outbox outbox, OutboxRelay relay, Clock clock) {
        return new SafetyDesk(database, grants, outbox, relay, clock);
    }
}
