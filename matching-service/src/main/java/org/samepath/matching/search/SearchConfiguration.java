package org.samepath.matching.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
            EngineProperties properties, MatchablePeople people, PairHistory history, MentorSlots slots, Clock clock) {
        return new EngineMentorSearch(new MatchingEngine(properties.toSettings()), people, history, slots, clock);
    }

    /** How many mentors this instance's in-memory pool holds: it should equal the mentors in the read model. */
    @Bean
    Gauge mentorPoolSize(EngineMentorSearch search, MeterRegistry registry) {
        return Gauge.builder("samepath.matching.pool.mentors", search, EngineMentorSearch::poolSize)
                .description("Mentors in this instance's in-memory matching pool")
                .register(registry);
    }

    @Bean
    PeriodicTask mentorPoolRefresh(EngineMentorSearch search) {
        return new PeriodicTask("mentor-pool-refresh", java.time.Duration.ofSeconds(2), search::refreshChanged);
    }
}
