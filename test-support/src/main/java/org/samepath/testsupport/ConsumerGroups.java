package org.samepath.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A service's consumer groups as an operator sees them: how far each has committed, and replaying a topic into a
 * listener from its first offset (stop the listener, so its group is empty; reset the group's offsets with the admin
 * client; start it again) as an operator resetting offsets, or a lost offsets topic, would.
 */
public final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    public ConsumerGroups(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** Waits until {@code group} has committed past the last record of every partition of {@code topic}: lag 0. */
    public void awaitCaughtUp(String group, String topic, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> lag(group, topic) == 0);
    }

    /** Records of {@code topic} that {@code group} has not yet committed past, summed over the partitions. */
    public long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = offsets(topic, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /**
     * Replays {@code topics} from their first offsets into the listener of {@code group}, and returns once it has
     * committed past their last records again. {@code stopListener} must return only when the listener's consumer
     * has closed (a Spring Kafka container's {@code stop()} does).
     *
     * @return how many records were replayed
     */
    public long replayFromBeginning(
            String group, List<String> topics, Runnable stopListener, Runnable startListener, Duration timeout) {
        stopListener.run();
        long replayed = 0;
        for (String topic : topics) {
            Map<TopicPartition, Long> earliest = offsets(topic, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(topic, OffsetSpec.latest());
            replayed += latest.entrySet().stream()
                    .mapToLong(end -> end.getValue() - earliest.get(end.getKey()))
                    .sum();
            Map<TopicPartition, OffsetAndMetadata> reset = earliest.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, first -> new OffsetAndMetadata(first.getValue())));
            // The stopped consumer's leave may take a moment to empty the group; until then the broker refuses.
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        admin.alterConsumerGroupOffsets(group, reset).all().get(10, TimeUnit.SECONDS);
                        return true;
                    });
        }
        startListener.run();
        for (String topic : topics) {
            awaitCaughtUp(group, topic, timeout);
        }
        return replayed;
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
        try {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(partition -> request.put(partition, spec));
            Map<TopicPartition, ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((partition, info) -> result.put(partition, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the offsets of " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
