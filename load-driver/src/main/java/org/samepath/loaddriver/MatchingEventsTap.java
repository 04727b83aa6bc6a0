package org.samepath.loaddriver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;

/**
 * Watches the matching topic from outside, as one more consumer would: for each request, when its
 * {@code request-submitted} and first {@code mentor-proposed} events were stamped by their producer (the record
 * timestamp) and when this consumer held them. That splits the time from the {@code POST} to the mentor's stream
 * into the service's own work, Kafka, and notification-service's. Assigned every partition from its end when
 * started, never commits, and parses only the key and the {@code ce_type} header, so it costs the broker and the
 * driver little.
 */
final class MatchingEventsTap implements AutoCloseable {

    private static final String CE_TYPE = "ce_type";
    private static final String SUBMITTED = EventCatalog.MATCH_REQUEST_SUBMITTED.type();
    private static final String PROPOSED = EventCatalog.MENTOR_PROPOSED.type();

    /** One request's events; record times are epoch milliseconds, seen times {@link System#nanoTime()}, 0 = not yet. */
    static final class Events {
        volatile long submittedRecordMillis;
        volatile long submittedSeen;
        volatile long proposedRecordMillis;
        volatile long proposedSeen;
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Events> byRequest = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closing;

    private MatchingEventsTap(String bootstrap, String groupId) {
        consumer = new KafkaConsumer<>(settings(bootstrap, groupId));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MATCHING).stream()
                .map(partition -> new TopicPartition(Topics.MATCHING, partition.partition()))
                .toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException(Topics.MATCHING + " does not exist; is matching-service running?");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolved now, so that nothing published after start() returns is skipped.
        partitions.forEach(consumer::position);
        poller = DaemonThreads.start("matching-events-tap", this::pollUntilClosed);
    }

    static MatchingEventsTap start(String bootstrap, String runId) {
        return new MatchingEventsTap(bootstrap, "samepath-load-driver-" + runId);
    }

    /** What was seen of this request so far, or null. */
    Events find(String requestId) {
        return requestId == null ? null : byRequest.get(requestId);
    }

    private void pollUntilClosed() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen(record, System.nanoTime());
                }
            }
        } catch (WakeupException closed) {
            // close() woke the poll up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void seen(ConsumerRecord<String, byte[]> record, long seen) {
        Header type = record.headers().lastHeader(CE_TYPE);
        if (record.key() == null || type == null) {
            return;
        }
        String ceType = new String(type.value(), StandardCharsets.UTF_8);
        boolean submitted = SUBMITTED.equals(ceType);
        if (!submitted && !PROPOSED.equals(ceType)) {
            return;
        }
        Events events = byRequest.computeIfAbsent(record.key(), id -> new Events());
        if (submitted && events.submittedSeen == 0) {
            events.submittedRecordMillis = record.timestamp();
            events.submittedSeen = seen;
        } else if (!submitted && events.proposedSeen == 0) {
            // The first proposal only: a later one follows a decline or expiry, not the request.
            events.proposedRecordMillis = record.timestamp();
            events.proposedSeen = seen;
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties settings(String bootstrap, String groupId) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }
}
