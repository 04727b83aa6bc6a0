package org.samepath.matching.people;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PeopleConfiguration {

    @Bean
    MatchablePeople matchablePeople(MongoDatabase database, Clock clock) {
        return new MatchablePeople(database, clock);
    }

    @Bean
    ProfileSnapshotListener profileSnapshotListener(MatchablePeople people, ApplicationEventPublisher events) {
        return new ProfileSnapshotListener(people, events);
    }
}
