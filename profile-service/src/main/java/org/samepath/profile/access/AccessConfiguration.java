package org.samepath.profile.access;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    ViewingGrants viewingGrants(MongoDatabase database) {
        return new ViewingGrants(database);
    }

    @Bean
    MatchingLifecycleListener matchingLifecycleListener(ViewingGrants grants) {
        return new MatchingLifecycleListener(grants);
    }
}
