package org.samepath.loaddriver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Waits until what seeding wrote has reached every service, seen from outside as a client of the event contracts:
 * first every person's snapshot is on {@code samepath.profiles.v1} (each mentor's as {@code APPROVED}) and every
 * contact point on {@code samepath.contact-points.v1} (profile-service publishes through its outbox, which can trail
 * the API by minutes under a bulk load), then every consumer group of the stack has caught up (lag 0 on two readings
 * two seconds apart) and matching-service's pool gauge holds the mentors.
 */
final class Propagation {

    private static final String POOL_GAUGE = "samepath_matching_pool_mentors";
    private static final String PROFILES = "samepath.profiles.v1";
    private static final String CONTACT_POINTS = "samepath.contact-points.v1";

    private Propagation() {}

    static Duration await(StackApi api, DriverOptions options, Population population, Duration limit, PrintStream out)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        awaitPublished(options, population, deadline, out);
        awaitConsumed(api, options, population.mentors(), deadline, out);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Lag 0 and the pool gauge, for after a run too (withdrawals). */
    static void awaitConsumed(StackApi api, DriverOptions options, int mentorsAtLeast, long deadline, PrintStream out)
            throws InterruptedException {
        int quietReadings = 0;
        int readings = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap()))) {
            while (System.nanoTime() < deadline) {
                double pool = poolGauge(api, options);
                long lag = totalLag(admin);
                boolean caughtUp = pool >= mentorsAtLeast && lag == 0;
                quietReadings = caughtUp ? quietReadings + 1 : 0;
                if (quietReadings >= 2) {
                    return;
                }
                if (!caughtUp && readings++ % 5 == 0) {
                    out.printf(
                            "  waiting: matching pool %,.0f of %,d mentors, consumer lag %,d%n",
                            pool, mentorsAtLeast, lag);
                }
                Thread.sleep(2_000);
            }
        }
        throw new IllegalStateException("The services did not catch up in time");
    }

    private static void awaitPublished(DriverOptions options, Population population, long deadline, PrintStream out) {
        Set<String> newcomers = new HashSet<>();
        Set<String> approvedMentors = new HashSet<>();
        Set<String> contactPoints = new HashSet<>();
        String prefix = options.runId() + "-";
        int people = population.mentors() + population.newcomers();
        long nextReport = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readerSettings(options))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(PROFILES, CONTACT_POINTS)) {
                for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (newcomers.size() < population.newcomers()
                    || approvedMentors.size() < population.mentors()
                    || contactPoints.size() < people) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("profile-service had not published every seeded person in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(prefix) || record.value() == null) {
                        continue;
                    }
                    if (record.topic().equals(CONTACT_POINTS)) {
                        contactPoints.add(record.key());
                    } else if (record.value().contains("\"role\":\"NEWCOMER\"")) {
                        newcomers.add(record.key());
                    } else if (record.value().contains("\"status\":\"APPROVED\"")) {
                        approvedMentors.add(record.key());
                    }
                }
                if (System.nanoTime() >= nextReport) {
                    out.printf(
                            "  published: %,d of %,d approved mentors, %,d of %,d newcomers, %,d of %,d contact"
                                    + " points%n",
                            approvedMentors.size(),
                            population.mentors(),
                            newcomers.size(),
                            population.newcomers(),
                            contactPoints.size(),
                            people);
                    nextReport = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                }
            }
        }
    }

    private static Properties readerSettings(DriverOptions options) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return settings;
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
