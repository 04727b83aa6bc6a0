package org.samepath.notification.inbox;

import com.mongodb.client.MongoDatabase;
import io.micrometer.observation.ObservationPredicate;
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
    NotificationFeed notificationFeed(MongoDatabase database) {
        return new NotificationFeed(database);
    }

    @Bean
    StreamPoller streamPoller(
            NotificationFeed notificationFeed,
            NotificationStream notificationStream,
            StreamProperties properties,
            Clock clock) {
        return new StreamPoller(notificationFeed, notificationStream, properties, clock);
    }

    @Bean
    ObservationPredicate streamObservations() {
        return new StreamObservations();
    }

    @Bean
    LeanConnections leanConnections() {
        return new LeanConnections();
    }
}
