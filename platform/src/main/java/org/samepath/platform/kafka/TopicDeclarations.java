package org.samepath.platform.kafka;

import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.samepath.contracts.Topics;
import org.springframework.kafka.config.TopicBuilder;

/**
 * How every Samepath topic is created. Each service declares, as {@code NewTopic} beans, the topics it produces and
 * the dead-letter topics of those it consumes; declaring one twice is harmless, so the definition lives here once.
 */
public class TopicDeclarations {

    /** Snapshot topics: only the latest value per key matters, and an erasure tombstone removes the key. */
    private static final Set<String> COMPACTED = Set.of(Topics.PROFILES, Topics.CONTACT_POINTS);

    private final TopicProperties properties;

    public TopicDeclarations(TopicProperties properties) {
        this.properties = properties;
    }

    public NewTopic topic(String name) {
        TopicBuilder builder = TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()));
        if (COMPACTED.contains(name)) {
            builder.compact();
        }
        return builder.build();
    }

    public NewTopic deadLetterTopicOf(String name) {
        return TopicBuilder.name(Topics.deadLetter(name))
                .partitions(1)
                .replicas(properties.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
                .build();
    }
}
