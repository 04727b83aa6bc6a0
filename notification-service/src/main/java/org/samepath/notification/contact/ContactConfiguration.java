package org.samepath.notification.contact;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactConfiguration {

    @Bean
    ContactPoints contactPoints(MongoDatabase database, Clock clock) {
        return new ContactPoints(database, clock);
    }

    @Bean
    ContactPointListener contactPointListener(ContactPoints contactPoints, ApplicationEventPublisher events) {
        return new ContactPointListener(contactPoints, events);
    }
}
