package org.samepath.matching.search;

import org.samepath.matching.engine.MatchingEngine;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.platform.process.PeriodicTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class SearchConfiguration {

    @Bean
    EngineMentorSearch mentorSearch(
            EngineProperties properties, MatchablePeople people, PairHistory history, MentorSlots slots) {
        return new EngineMentorSearch(new MatchingEngine(properties.toSettings()), people, history, slots);
    }

    @Bean
    PeriodicTask mentorPoolRefresh(EngineMentorSearch search) {
        return new PeriodicTask("mentor-pool-refresh", java.time.Duration.ofSeconds(2), search::refreshAll);
    }
}
