package org.samepath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The design of Kafka's own replication system test, on three real brokers in this JVM: an idempotent producer with
 * {@code acks=all} writes to a topic with replication factor 3 and {@code min.insync.replicas=2} while the leader of a
 * partition is stopped and later restarted, three times over. Every record the cluster acknowledged must then be read
 * by a consumer from the beginning (acknowledged is a subset of consumed), and none twice.
 */
class EmbeddedKafkaClusterTests {

    private static final String TOPIC = "replicated";
    private static final int PARTITIONS = 3;
    private static final int LEADER_KILLS = 3;
    private static final int PROGRESS = 200;
    private static final Duration STEP = Duration.ofSeconds(60);
    /** A steady 500 records a second, as a load generator offers them, and never more than {@code MAX_RECORDS}. */
    private static final long NANOS_BETWEEN_RECORDS = 2_000_000;

    private static final int MAX_RECORDS = 100_000;

    @Test
    void everyAcknowledgedRecordIsConsumedWhilePartitionLeadersAreKilledAndRestarted() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(cluster, producing, acknowledged, failed), "producer");
            producer.start();
            List<Integer> killed = new ArrayList<>();
            try {
                for (int kill = 0; kill < LEADER_KILLS; kill++) {
                    awaitProgress(acknowledged);
                    int leader = leaderOf(admin, kill % PARTITIONS);
                    cluster.stopBroker(leader);
                    killed.add(leader);
                    awaitProgress(acknowledged); // two in-sync replicas are enough to go on acknowledging
                    cluster.restartBroker(leader);
                    await().atMost(STEP).ignoreExceptions().until(() -> allInSync(admin));
                }
                awaitProgress(acknowledged);
            } finally {
                producing.set(false);
                producer.join(STEP.toMillis());
            }

            Map<Integer, Integer> consumed = consumeAll(cluster, acknowledged);
            assertThat(killed).hasSize(LEADER_KILLS);
            assertThat(acknowledged).hasSizeGreaterThan(PROGRESS * (2 * LEADER_KILLS + 1));
            assertThat(consumed.keySet()).as("acknowledged ⊆ consumed").containsAll(acknowledged);
            assertThat(consumed.entrySet())
                    .as("an idempotent producer writes each record once")
                    .allSatisfy(entry -> assertThat(entry.getValue())
                            .as("record " + entry.getKey())
                            .isEqualTo(1));
        }
    }

    /** Sends numbered records at a steady rate (at most 200 in flight while the cluster cannot acknowledge them). */
    private static void produce(
            EmbeddedKafkaCluster cluster, AtomicBoolean producing, Set<Integer> acknowledged, AtomicInteger failed) {
        Semaphore inFlight = new Semaphore(200);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(),
                new StringSerializer())) {
            long started = System.nanoTime();
            for (int i = 0; producing.get() && i < MAX_RECORDS; i++) {
                int number = i;
                LockSupport.parkNanos(started + i * NANOS_BETWEEN_RECORDS - System.nanoTime());
                inFlight.acquireUninterruptibly();
                producer.send(new ProducerRecord<>(TOPIC, "key-" + number, String.valueOf(number)), (metadata, e) -> {
                    if (e == null) {
                        acknowledged.add(number);
                    } else {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            producer.flush();
        }
    }

    private static void awaitProgress(Set<Integer> acknowledged) {
        int mark = acknowledged.size();
        await().atMost(STEP).until(() -> acknowledged.size() >= mark + PROGRESS);
    }

    private static int leaderOf(Admin admin, int partition) throws Exception {
        TopicPartitionInfo info = describe(admin).partitions().get(partition);
        assertThat(info.leader()).as("partition " + partition + " has a leader").isNotNull();
        return info.leader().id();
    }

    private static boolean allInSync(Admin admin) throws Exception {
        return describe(admin).partitions().stream()
                .allMatch(partition ->
                        partition.leader() != null && partition.isr().size() == 3);
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(TOPIC);
    }

    /** Reads the topic from the beginning until every acknowledged record is seen; returns how often each was read. */
    private static Map<Integer, Integer> consumeAll(EmbeddedKafkaCluster cluster, Set<Integer> acknowledged) {
        Map<Integer, Integer> consumed = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                partitions.add(new TopicPartition(TOPIC, partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(STEP).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> consumed.merge(Integer.valueOf(record.value()), 1, Integer::sum));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return consumed;
    }
}
