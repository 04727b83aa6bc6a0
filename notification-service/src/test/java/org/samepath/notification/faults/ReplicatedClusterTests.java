package org.samepath.notification.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.embedded.EmbeddedKafkaCluster;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka's replication test through a real listener (issue 6, item 5): notification-service on a three-broker cluster,
 * its topics declared with replication factor 3 and {@code min.insync.replicas=2}. Urgent-support events are offered
 * with {@code acks=all} while the leader of the safety topic's partitions is stopped and restarted three times; every
 * event the cluster acknowledged becomes exactly one coordinator alert.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReplicatedClusterTests {

    private static final String DATABASE = "notification_replicated_cluster_tests";
    private static final int LEADER_KILLS = 3;
    private static final int PROGRESS = 10;
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration STALL = Duration.ofSeconds(30);
    /** Ten events a second, a steady load that a listener on a busy two-core machine keeps up with. */
    private static final long NANOS_BETWEEN_EVENTS = 100_000_000;

    private static final EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    }

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", cluster::bootstrapServers);
        registry.add("samepath.kafka.topics.partitions", () -> "3");
        registry.add("samepath.kafka.topics.replication-factor", () -> "3");
        registry.add("samepath.kafka.topics.min-insync-replicas", () -> "2");
    }

    @Test
    void everyAcknowledgedEventBecomesOneAlertWhileTheLeaderIsKilledAndRestarted() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> offer(producing, acknowledged), "urgent-support-producer");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            await().atMost(STEP).ignoreExceptions().until(() -> allInSync(admin));
            assertThat(describe(admin).partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            producer.start();
            try {
                for (int kill = 0; kill < LEADER_KILLS; kill++) {
                    awaitProgress(acknowledged);
                    int leader =
                            describe(admin).partitions().get(kill % 3).leader().id();
                    cluster.stopBroker(leader);
                    awaitProgress(acknowledged);
                    cluster.restartBroker(leader);
                    await().atMost(STEP).ignoreExceptions().until(() -> allInSync(admin));
                }
                awaitProgress(acknowledged);
            } finally {
                producing.set(false);
                producer.join(STEP.toMillis());
            }
        }

        MongoCollection<Document> notifications = mongo.getDatabase(DATABASE).getCollection("notifications");
        Document alertsForAcknowledged = new Document("eventId", new Document("$in", List.copyOf(acknowledged)));
        // Waits as long as the listener keeps making progress (it may lag behind the producer on a busy machine), and
        // fails if it stops short of the acknowledged events for 30 seconds.
        for (long done = notifications.countDocuments(alertsForAcknowledged); done < acknowledged.size(); ) {
            long before = done;
            done = await().atMost(STALL)
                    .until(() -> notifications.countDocuments(alertsForAcknowledged), count -> count > before);
        }
        for (String eventId : acknowledged) {
            assertThat(notifications.countDocuments(new Document("eventId", eventId)))
                    .as(eventId)
                    .isEqualTo(1);
        }
    }

    /** Offers urgent-support events one after another; an event counts once the cluster acknowledged it. */
    private static void offer(AtomicBoolean producing, Set<String> acknowledged) {
        try (CloudEventProducer producer =
                new CloudEventProducer(cluster.bootstrapServers(), "/samepath/profile-service")) {
            long started = System.nanoTime();
            for (long i = 0; producing.get(); i++) {
                LockSupport.parkNanos(started + i * NANOS_BETWEEN_EVENTS - System.nanoTime());
                UrgentSupportRequested event = new UrgentSupportRequested(
                        UUID.randomUUID().toString(),
                        "n-" + UUID.randomUUID().toString().substring(0, 8),
                        Instant.now());
                try {
                    producer.send(
                            Topics.SAFETY,
                            event.newcomerId(),
                            EventCatalog.URGENT_SUPPORT_REQUESTED.type(),
                            event.eventId(),
                            event);
                    acknowledged.add(event.eventId());
                } catch (IllegalStateException notAcknowledged) {
                    // not acknowledged: it may or may not be on the topic, and is not counted
                }
            }
        }
    }

    private static void awaitProgress(Set<String> acknowledged) {
        int mark = acknowledged.size();
        await().atMost(STEP).until(() -> acknowledged.size() >= mark + PROGRESS);
    }

    private static boolean allInSync(Admin admin) throws Exception {
        List<TopicPartitionInfo> partitions = describe(admin).partitions();
        return partitions.size() == 3
                && partitions.stream()
                        .allMatch(partition ->
                                partition.leader() != null && partition.isr().size() == 3);
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.SAFETY))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(Topics.SAFETY);
    }
}
