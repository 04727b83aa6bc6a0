package org.samepath.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays another service on a topic: sends an event as that service would, in CloudEvents binary mode (headers
 * {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time}, {@code ce_subject}, {@code ce_specversion},
 * {@code content-type}), the value being the event record as JSON. Each send waits for the broker's acknowledgement.
 */
public final class CloudEventProducer implements AutoCloseable {

    /** Configured like the services' event mapping: the default Jackson 3 mapper (ISO-8601 instants). */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer;
    private final String source;

    /** @param source the CloudEvents source of the sending service, e.g. {@code /samepath/matching-service} */
    public CloudEventProducer(String bootstrapServers, String source) {
        this.source = source;
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends {@code event} (a record, serialized as JSON) under the given key, type and id. */
    public RecordMetadata send(String topic, String key, String ceType, String ceId, Object event) {
        return sendBytes(topic, key, ceType, ceId, JSON.writeValueAsBytes(event));
    }

    /** Sends raw bytes (or a tombstone, when {@code value} is null) with the CloudEvents headers. */
    public RecordMetadata sendBytes(String topic, String key, String ceType, String ceId, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_id", ceId);
        header(headers, "ce_type", ceType);
        header(headers, "ce_source", source);
        header(headers, "ce_time", Instant.now().toString());
        header(headers, "ce_subject", key);
        header(headers, "ce_specversion", "1.0");
        header(headers, "content-type", "application/json");
        try {
            return producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send " + ceType + " to " + topic, e.getCause());
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
