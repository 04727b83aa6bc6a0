package org.samepath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records no consumer can ever process, of every kind a broken or hostile producer could write: garbage bytes, JSON
 * of the wrong shape or with wrong types, a truncated or empty value, an unknown {@code ce_type}, the type of another
 * topic, no {@code ce_type} header, no headers at all. Each has a key of its own, so its dead letter can be found and
 * compared byte for byte with what was sent.
 */
public final class PoisonRecords implements AutoCloseable {

    /** What is wrong with a record. */
    public enum Kind {
        GARBAGE_BYTES,
        WRONG_SCHEMA,
        WRONG_FIELD_TYPES,
        TRUNCATED,
        EMPTY_VALUE,
        UNKNOWN_CE_TYPE,
        CE_TYPE_OF_ANOTHER_TOPIC,
        NO_CE_TYPE_HEADER,
        NO_HEADERS
    }

    /** A poison record as it was written: where it landed, its key, value and headers. */
    public record Sent(Kind kind, String key, byte[] value, List<Header> headers, int partition, long offset) {}

    /** A type no Samepath version has ever published: a future producer's event, or a typo. */
    public static final String UNKNOWN_CE_TYPE = "org.samepath.unknown.future-event.v1";

    private final String topic;
    private final String ceType;
    private final byte[] wellFormedValue;
    private final String misplacedCeType;
    private final KafkaProducer<String, byte[]> producer;
    private final Random random = new Random(6);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Sent> sent = new ArrayList<>();

    /**
     * @param ceType the type that belongs on {@code topic}
     * @param wellFormedValue a readable event of that type, the raw material of the truncated and mistyped records
     * @param misplacedCeType a real type that belongs on another topic
     */
    public PoisonRecords(
            String bootstrapServers, String topic, String ceType, byte[] wellFormedValue, String misplacedCeType) {
        this.topic = topic;
        this.ceType = ceType;
        this.wellFormedValue = wellFormedValue.clone();
        this.misplacedCeType = misplacedCeType;
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends the next poison record (the kinds take turns) and waits for the broker's acknowledgement. */
    public Sent sendNext() {
        Kind kind = Kind.values()[sent.size() % Kind.values().length];
        String key = "poison-" + run + "-" + sent.size();
        byte[] value = value(kind);
        RecordHeaders headers = headers(kind, key);
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get();
            Sent record =
                    new Sent(kind, key, value, List.of(headers.toArray()), metadata.partition(), metadata.offset());
            sent.add(record);
            return record;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send a poison record to " + topic, e.getCause());
        }
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    private byte[] value(Kind kind) {
        return switch (kind) {
            case GARBAGE_BYTES -> {
                byte[] garbage = new byte[16 + random.nextInt(240)];
                random.nextBytes(garbage);
                garbage[0] = (byte) 0xC3; // never valid UTF-8 followed by 0x28, never a JSON start
                garbage[1] = 0x28;
                yield garbage;
            }
            case WRONG_SCHEMA -> ("{\"hello\":\"world\",\"n\":" + sent.size() + "}").getBytes(StandardCharsets.UTF_8);
            case WRONG_FIELD_TYPES -> "{\"eventId\":42,\"occurredAt\":\"yesterday\",\"version\":\"v\"}"
                    .getBytes(StandardCharsets.UTF_8);
            case TRUNCATED -> Arrays.copyOf(wellFormedValue, wellFormedValue.length / 2);
            case EMPTY_VALUE -> new byte[0];
            case UNKNOWN_CE_TYPE, CE_TYPE_OF_ANOTHER_TOPIC, NO_CE_TYPE_HEADER, NO_HEADERS -> wellFormedValue.clone();
        };
    }

    private RecordHeaders headers(Kind kind, String key) {
        RecordHeaders headers = new RecordHeaders();
        if (kind == Kind.NO_HEADERS) {
            return headers;
        }
        add(headers, "ce_id", UUID.randomUUID().toString());
        switch (kind) {
            case UNKNOWN_CE_TYPE -> add(headers, "ce_type", UNKNOWN_CE_TYPE);
            case CE_TYPE_OF_ANOTHER_TOPIC -> add(headers, "ce_type", misplacedCeType);
            case NO_CE_TYPE_HEADER -> {}
            default -> add(headers, "ce_type", ceType);
        }
        add(headers, "ce_source", "/tests/poison");
        add(headers, "ce_time", Instant.now().toString());
        add(headers, "ce_subject", key);
        add(headers, "ce_specversion", "1.0");
        add(headers, "content-type", "application/json");
        return headers;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Waits until every poison record sent so far is in {@code <topic>.dlt}, dead-lettered by {@code consumerGroup}
     * (other consumers of the topic dead-letter their own copies), then asserts each is there exactly once with its
     * original key, bytes and headers, and the dead-letter headers naming the topic, partition and offset it came from
     * and the exception that sent it there.
     */
    public void assertAllDeadLettered(String bootstrapServers, String consumerGroup, Duration timeout) {
        Map<String, Sent> byKey = new LinkedHashMap<>();
        sent.forEach(record -> byKey.put(record.key(), record));
        try (TopicProbe deadLetters = new TopicProbe(bootstrapServers, topic + ".dlt")) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                            lettersOf(deadLetters, byKey, consumerGroup, Duration.ofMillis(300)))
                    .extracting(ConsumerRecord::key)
                    .containsAll(byKey.keySet()));
            List<ConsumerRecord<String, byte[]>> letters = lettersOf(deadLetters, byKey, consumerGroup, Duration.ZERO);
            assertThat(letters).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            for (ConsumerRecord<String, byte[]> letter : letters) {
                Sent original = byKey.get(letter.key());
                String what = original.kind() + " " + original.key();
                assertThat(letter.value()).as(what).isEqualTo(original.value());
                List<Header> headers = List.of(letter.headers().toArray());
                for (Header header : original.headers()) {
                    assertThat(headers)
                            .as(what + " keeps header " + header.key())
                            .anySatisfy(kept -> {
                                assertThat(kept.key()).isEqualTo(header.key());
                                assertThat(kept.value()).isEqualTo(header.value());
                            });
                }
                assertThat(TopicProbe.header(letter, "kafka_dlt-original-topic"))
                        .as(what)
                        .isEqualTo(topic);
                assertThat(number(letter, "kafka_dlt-original-partition"))
                        .as(what)
                        .isEqualTo(original.partition());
                assertThat(number(letter, "kafka_dlt-original-offset")).as(what).isEqualTo(original.offset());
                assertThat(TopicProbe.header(letter, "kafka_dlt-exception-fqcn"))
                        .as(what)
                        .isNotBlank();
                assertThat(TopicProbe.header(letter, "kafka_dlt-exception-message"))
                        .as(what)
                        .isNotBlank();
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> lettersOf(
            TopicProbe deadLetters, Map<String, Sent> byKey, String consumerGroup, Duration poll) {
        return deadLetters.drain(poll).stream()
                .filter(letter -> letter.key() != null && byKey.containsKey(letter.key()))
                .filter(letter -> consumerGroup.equals(TopicProbe.header(letter, "kafka_dlt-original-consumer-group")))
                .toList();
    }

    private static long number(ConsumerRecord<String, byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        if (header == null) {
            return -1;
        }
        ByteBuffer bytes = ByteBuffer.wrap(header.value());
        return header.value().length == Integer.BYTES ? bytes.getInt() : bytes.getLong();
    }

    @Override
    public void close() {
        producer.close();
    }
}
