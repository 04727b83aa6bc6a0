package org.samepath.notification.inbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class InboxConfiguration {

    @Bean
    NotificationStream notificationStream(StreamProperties properties, Clock clock) {
        return new NotificationStream(properties, clock);
    }

    @Bean
    Inbox inbox(MongoDatabase database, Clock clock, NotificationStream notificationStream) {
        return new Inbox(database, clock, notificationStream);
    }

    @Bean
    StreamPoller streamPoller(
            Inbox inbox, NotificationStream notificationStream, StreamProperties properties, Clock clock) {
        return new StreamPoller(inbox, notificationStream, properties, clock);
    }
}
