package org.samepath.platform.outbox;

import com.mongodb.client.MongoDatabase;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.samepath.platform.process.PeriodicTask;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    TraceContextCarrier traceContextCarrier(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContextCarrier(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    Outbox outbox(Clock clock, TraceContextCarrier traceContextCarrier) {
        return new Outbox(clock, traceContextCarrier);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService outboxRelayExecutor(OutboxProperties properties) {
        return Executors.newFixedThreadPool(properties.relayThreads(), runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    OutboxRelay outboxRelay(
            KafkaOperations<Object, Object> kafka,
            MongoDatabase database,
            OutboxProperties properties,
            TraceContextCarrier traceContextCarrier,
            ExecutorService outboxRelayExecutor,
            Clock clock,
            @Value("${spring.application.name}") String applicationName) {
        OutboxRelay relay = new OutboxRelay(
                kafka,
                database,
                properties,
                traceContextCarrier,
                outboxRelayExecutor,
                clock,
                "/samepath/" + applicationName);
        relay.prepare();
        return relay;
    }

    /** Publishes outbox entries the post-write relay could not (crash, broker down). */
    @Bean
    PeriodicTask outboxSweeper(OutboxRelay relay, OutboxProperties properties) {
        return new PeriodicTask("outbox-sweeper", properties.sweepInterval(), () -> {
            int published = relay.sweep();
            if (published > 0) {
                LoggerFactory.getLogger(OutboxRelay.class)
                        .info("Outbox sweep published {} left-over event(s)", published);
            }
        });
    }
}
