package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until what seeding wrote has reached every service: matching-service's in-memory pool holds the mentors
 * (its {@code samepath.matching.pool.mentors} gauge) and every consumer group of the stack has caught up with every
 * partition it reads (lag 0 on two readings two seconds apart, so an event the outbox sweep publishes late is not
 * missed).
 */
final class Propagation {

    private static final String POOL_GAUGE = "samepath_matching_pool_mentors";

    private Propagation() {}

    static Duration await(StackApi api, DriverOptions options, int mentorsAtLeast, Duration limit, PrintStream out)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int quietReadings = 0;
        int readings = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap()))) {
            while (System.nanoTime() < deadline) {
                double pool = poolGauge(api, options);
                long lag = totalLag(admin);
                boolean caughtUp = pool >= mentorsAtLeast && lag == 0;
                quietReadings = caughtUp ? quietReadings + 1 : 0;
                if (quietReadings >= 2) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
                if (!caughtUp && readings++ % 5 == 0) {
                    out.printf(
                            "  waiting: matching pool %,.0f of %,d mentors, consumer lag %,d%n",
                            pool, mentorsAtLeast, lag);
                }
                Thread.sleep(2_000);
            }
        }
        throw new IllegalStateException("The stack did not catch up with the seeded people within " + limit);
    }

    static double poolGauge(StackApi api, DriverOptions options) {
        StackApi.Reply reply = api.prometheus(options.matchingUrl()).join();
        double total = 0;
        for (String line : reply.body().split("\n")) {
            if (line.startsWith(POOL_GAUGE + " ") || line.startsWith(POOL_GAUGE + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Records produced but not yet consumed, summed over every consumer group and partition. */
    static long totalLag(Admin admin) throws InterruptedException {
        try {
            long lag = 0;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(
                                0,
                                ends.get(entry.getKey()).offset()
                                        - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read consumer lag", e.getCause());
        }
    }
}
