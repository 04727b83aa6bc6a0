package org.samepath.matching.history;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean
    PairHistory pairHistory(MongoDatabase database) {
        return new PairHistory(database);
    }
}
