package org.samepath.profile.access;

import com.mongodb.client.MongoDatabase;
import org.samepath.profile.profile.ProfileManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    ViewingGrants viewingGrants(MongoDatabase database, ProfileManagement profiles) {
        return new ViewingGrants(database, profiles::createdAtOfLive);
    }

    @Bean
    MatchingLifecycleListener matchingLifecycleListener(ViewingGrants grants) {
        return new MatchingLifecycleListener(grants);
    }
}
