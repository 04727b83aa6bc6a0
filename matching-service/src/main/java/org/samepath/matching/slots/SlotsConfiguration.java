package org.samepath.matching.slots;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SlotsConfiguration {

    @Bean
    MentorSlots mentorSlots(MongoDatabase database, Clock clock) {
        return new MentorSlots(database, clock);
    }
}
