package org.samepath.loaddriver;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka ceiling on the same broker, measured like Kafka's own {@code EndToEndLatency} tool (which is not on
 * Maven Central's kafka-clients): one record at a time, produced with the services' producer settings ({@code
 * acks=all}, idempotent, {@code linger.ms=0}) and consumed with their isolation level, the time from {@code send} to
 * the consumer holding it. Records are 512 bytes, about a lifecycle event's size. The first ten round trips (metadata,
 * connections) are not counted.
 */
final class KafkaProbe implements AutoCloseable {

    static final String TOPIC = "samepath.load-probe";

    private static final int RECORD_BYTES = 512;
    private static final int UNCOUNTED = 10;
    private static final Duration ROUND_TRIP_LIMIT = Duration.ofSeconds(10);

    /** Round trips measured; {@code lostRoundTrips} did not come back within ten seconds. */
    record Result(Latencies latencies, int lostRoundTrips) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long probeId = System.nanoTime();
    private long sequence;

    private KafkaProbe(String bootstrap) {
        producer = new KafkaProducer<>(producerSettings(bootstrap));
        consumer = new KafkaConsumer<>(consumerSettings(bootstrap));
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
    }

    /** Creates the probe's topic (one partition, like a single key's path through a service topic). */
    static void createTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        } catch (ExecutionException | RuntimeException e) {
            // best effort: the local stack keeps its data in memory only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code roundTrips} one after the other on a quiet system. */
    static Result idle(String bootstrap, int roundTrips) {
        try (KafkaProbe probe = new KafkaProbe(bootstrap)) {
            Latencies latencies = new Latencies();
            int lost = 0;
            for (int i = 0; i < roundTrips + UNCOUNTED; i++) {
                long nanos = probe.roundTrip();
                if (nanos < 0) {
                    lost++;
                } else if (i >= UNCOUNTED) {
                    latencies.recordNanos(nanos);
                }
            }
            return new Result(latencies, lost);
        }
    }

    /** Round trips every 20 ms on a background thread while the load runs, until {@link Background#stop()}. */
    static Background background(String bootstrap) {
        return new Background(bootstrap);
    }

    static final class Background {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Latencies latencies = new Latencies();
        private int lost;
        private final Thread thread;

        private Background(String bootstrap) {
            thread = DaemonThreads.start("kafka-probe", () -> {
                try (KafkaProbe probe = new KafkaProbe(bootstrap)) {
                    for (int i = 0; running.get(); i++) {
                        long nanos = probe.roundTrip();
                        synchronized (this) {
                            if (nanos < 0) {
                                lost++;
                            } else if (i >= UNCOUNTED) {
                                latencies.recordNanos(nanos);
                            }
                        }
                        Thread.sleep(20);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        Result stop() {
            running.set(false);
            try {
                thread.join(ROUND_TRIP_LIMIT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return new Result(latencies, lost);
            }
        }
    }

    /** Nanoseconds from send to the consumer holding the record, or -1 if it did not come back in time. */
    private long roundTrip() {
        long expected = sequence++;
        byte[] value = ByteBuffer.allocate(RECORD_BYTES)
                .putLong(probeId)
                .putLong(expected)
                .array();
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, value));
        long deadline = sent + ROUND_TRIP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                ByteBuffer received = ByteBuffer.wrap(record.value());
                if (received.getLong() == probeId && received.getLong() == expected) {
                    return System.nanoTime() - sent;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

    private static Properties producerSettings(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }

    private static Properties consumerSettings(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }
}
