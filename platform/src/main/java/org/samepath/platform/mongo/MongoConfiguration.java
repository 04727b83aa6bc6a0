package org.samepath.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each service owns one database, named in its MongoDB URI ({@code mongodb://host:27017/samepath_profile}). */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    @Bean
    MongoDatabase serviceDatabase(MongoClient client, @Value("${spring.mongodb.uri}") String uri) {
        String database = new ConnectionString(uri).getDatabase();
        if (database == null || database.isBlank()) {
            throw new IllegalStateException("spring.mongodb.uri must name the service's database: " + uri);
        }
        return client.getDatabase(database);
    }

    /** Named so it replaces Boot's Mongo health indicator. */
    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
        return new MongoPingHealthIndicator(serviceDatabase);
    }
}
