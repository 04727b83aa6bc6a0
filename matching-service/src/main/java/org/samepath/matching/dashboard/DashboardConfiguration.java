package org.samepath.matching.dashboard;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.MatchRequestStore;
import org.samepath.matching.request.MentorSearch;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.platform.process.PeriodicTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    Alerts alerts(MongoDatabase database, Clock clock) {
        return new Alerts(database, clock);
    }

    @Bean
    SafetyAlertsListener safetyAlertsListener(Alerts alerts) {
        return new SafetyAlertsListener(alerts);
    }

    @Bean
    DashboardQueries dashboardQueries(
            MatchRequestStore requests, MatchablePeople people, MentorSlots slots, Alerts alerts, Clock clock) {
        return new DashboardQueries(requests, people, slots, alerts, clock);
    }

    @Bean
    DashboardStream dashboardStream(DashboardQueries queries) {
        return new DashboardStream(queries);
    }

    @Bean
    PeriodicTask dashboardUpdates(
            DashboardStream stream, @Value("${samepath.dashboard.update-interval:2s}") Duration interval) {
        return new PeriodicTask("dashboard-updates", interval, stream::tick);
    }

    @Bean
    AssignmentOptions assignmentOptions(
            MatchRequestStore requests, MentorSearch search, MatchablePeople people, Clock clock) {
        return new AssignmentOptions(requests, search, people, clock);
    }

    @Bean
    MentorApprovals mentorApprovals(
            @Value("${samepath.dashboard.profile-service-url}") String profileServiceUrl,
            OAuth2AuthorizedClientRepository signedInClients) {
        return new MentorApprovals(profileServiceUrl, signedInClients);
    }
}
