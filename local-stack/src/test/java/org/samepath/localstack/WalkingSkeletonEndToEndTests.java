package org.samepath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.contracts.CloudEventHeaders;
import org.samepath.contracts.Topics;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.Infrastructure;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TopicProbe;

/**
 * The walking skeleton's proof, across the real system: the three services running as their own JVMs from their
 * runnable jars, a real Kafka broker, a MongoDB-protocol server and the development token issuer. On a machine with
 * Docker the same tests run on real Kafka and MongoDB containers (see {@link WalkingSkeletonOnContainersTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonEndToEndTests {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private RunningStack stack;
    private MongoClient mongo;
    private KafkaProducer<String, byte[]> producer;

    /** Where Kafka and MongoDB come from; the containers variant overrides this. */
    protected Infrastructure infrastructure() {
        return TestInfrastructure.shared();
    }

    @BeforeAll
    void startTheWholeSystem() {
        Infrastructure infrastructure = infrastructure();
        stack = RunningStack.start(StackSettings.forTests(
                LocalStack.projectRoot(), infrastructure.kafkaBootstrapServers(), infrastructure.mongoUri("samepath")));
        mongo = MongoClients.create(stack.mongoUri("admin"));
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrap(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    void stopTheWholeSystem() {
        if (producer != null) {
            producer.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void mentorProfileReachesMatchingAndNotificationWithLeastData() {
        String mentorId = newPersonId();
        Response saved =
                putProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Marco Zephyrine", mentorId + "@example.org"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);

        Document readModel = awaitDocument(people(), mentorId);
        assertThat(readModel.getString("role")).isEqualTo("MENTOR");
        assertThat(readModel.getString("status")).isEqualTo("PENDING_APPROVAL");
        assertThat(readModel.getList("livedExperience", Document.class))
                .extracting(tag -> tag.getString("tag") + "/" + tag.getString("consent"))
                .containsExactly("substance:alcohol/MATCH_AND_SHARE", "mental-health:anxiety/MATCH_ONLY");
        assertThat(readModel.toJson())
                .doesNotContain("Zephyrine", "@example.org", "displayName", "email", "contact", "trauma:combat");

        Document contactPoint = awaitDocument(contactPoints(), mentorId);
        assertThat(contactPoint.getString("email")).isEqualTo(mentorId + "@example.org");
        assertThat(contactPoint.getString("displayName")).isEqualTo("Marco Zephyrine");
        assertThat(contactPoint.toJson()).doesNotContain("substance", "MENTOR");
    }

    @Test
    void vettingAndHiatusReachTheMatchingReadModel() {
        String mentorId = newPersonId();
        putProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Vic", mentorId + "@example.org"));
        awaitDocument(people(), mentorId);
        ApiClient profiles = new ApiClient(stack.url(RunningStack.PROFILE));

        Response approved =
                profiles.post("/api/v1/mentors/" + mentorId + "/approve", token("coordinator-1", "COORDINATOR"), "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        awaitStatus(mentorId, "APPROVED", 2);

        Response paused = profiles.post("/api/v1/mentors/me/pause", token(mentorId, "MENTOR"), "");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        awaitStatus(mentorId, "PAUSED", 3);
    }

    private void awaitStatus(String personId, String status, long version) {
        await().atMost(PROPAGATION).untilAsserted(() -> {
            Document person = people().find(new Document("_id", personId)).first();
            assertThat(person.getString("status")).isEqualTo(status);
            assertThat(person.get("version", Number.class).longValue()).isEqualTo(version);
        });
    }

    @Test
    void redeliveredEventsChangeNothing() throws Exception {
        String mentorId = newPersonId();
        putProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Mo", mentorId + "@example.org"));
        Document readModelBefore = awaitDocument(people(), mentorId);
        Document contactPointBefore = awaitDocument(contactPoints(), mentorId);

        redeliver(Topics.PROFILES, mentorId, "matching-profile-snapshots");
        redeliver(Topics.CONTACT_POINTS, mentorId, "notification-contact-points");

        assertThat(people().find(new Document("_id", mentorId)).first()).isEqualTo(readModelBefore);
        assertThat(contactPoints().find(new Document("_id", mentorId)).first()).isEqualTo(contactPointBefore);
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirBytesAndTheNextGoodRecordIsConsumed() throws Exception {
        String mentorId = newPersonId();
        byte[] garbage = {(byte) 0xC3, 0x28, '{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        byte[] wrongShape = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownType = "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        String snapshotType = "org.samepath.profile.matchable-profile-changed.v1";
        send(Topics.PROFILES, mentorId, garbage, snapshotType);
        send(Topics.PROFILES, mentorId, wrongShape, snapshotType);
        send(Topics.PROFILES, mentorId, unknownType, "org.samepath.profile.something-else.v1");

        putProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Mia", mentorId + "@example.org"));

        awaitDocument(people(), mentorId);
        try (TopicProbe deadLetters = new TopicProbe(stack.kafkaBootstrap(), Topics.deadLetter(Topics.PROFILES))) {
            deadLetters.await(
                    record -> mentorId.equals(record.key())
                            && deadLettersFor(deadLetters, mentorId).size() == 3,
                    PROPAGATION);
            List<ConsumerRecord<String, byte[]>> letters = deadLettersFor(deadLetters, mentorId);
            assertThat(letters).extracting(ConsumerRecord::value).containsExactly(garbage, wrongShape, unknownType);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(TopicProbe.header(letter, "kafka_dlt-exception-fqcn"))
                        .isNotBlank();
                assertThat(TopicProbe.header(letter, "kafka_dlt-original-topic"))
                        .isEqualTo(Topics.PROFILES);
            });
            assertThat(TopicProbe.header(letters.get(2), CloudEventHeaders.TYPE))
                    .isEqualTo("org.samepath.profile.something-else.v1");
        }
    }

    @Test
    void theTraceOfARequestContinuesAcrossTheKafkaHop() throws Exception {
        String mentorId = newPersonId();
        putProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Tia", mentorId + "@example.org"));
        awaitDocument(people(), mentorId);

        ConsumerRecord<String, byte[]> snapshot;
        try (TopicProbe snapshots = new TopicProbe(stack.kafkaBootstrap(), Topics.PROFILES)) {
            snapshot = snapshots.await(TopicProbe.keyed(mentorId), PROPAGATION);
        }
        String traceparent = TopicProbe.header(snapshot, "traceparent");
        assertThat(traceparent)
                .as("W3C trace context among %s", List.of(snapshot.headers().toArray()))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        String traceId = traceparent.split("-")[1];
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(Files.readAllLines(stack.log(RunningStack.MATCHING)))
                .anyMatch(
                        line -> line.contains(traceId) && line.contains("Applied profile snapshot v1 of " + mentorId)));
    }

    @Test
    void callsWithoutATokenOrWithTheWrongRoleAreRefusedAsProblems() {
        for (String service : List.of(RunningStack.PROFILE, RunningStack.MATCHING, RunningStack.NOTIFICATION)) {
            Response anonymous = new ApiClient(stack.url(service)).get("/api/v1/profiles/me", null);
            assertThat(anonymous.status()).as(service).isEqualTo(401);
            assertThat(anonymous.isProblem()).as(anonymous.toString()).isTrue();
        }
        Response coordinator = putProfile(newPersonId(), "COORDINATOR", ProfileFixtures.mentor("C", "c@example.org"));
        assertThat(coordinator.status()).isEqualTo(403);
        assertThat(coordinator.isProblem()).as(coordinator.toString()).isTrue();
    }

    @Test
    void everyServiceIsReadyWithKafkaAndMongoAndServesMetricsAndOpenApi() {
        for (String service : List.of(RunningStack.PROFILE, RunningStack.MATCHING, RunningStack.NOTIFICATION)) {
            ApiClient api = new ApiClient(stack.url(service));
            Response readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness
                            .json()
                            .get("components")
                            .get("kafka")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(readiness
                            .json()
                            .get("components")
                            .get("mongo")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(api.get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
            assertThat(api.get("/v3/api-docs", null).json().get("openapi").asString())
                    .startsWith("3.");
        }
    }

    private Response putProfile(String personId, String role, String body) {
        return new ApiClient(stack.url(RunningStack.PROFILE)).put("/api/v1/profiles/me", token(personId, role), body);
    }

    private String token(String personId, String role) {
        Response issued = new ApiClient(stack.issuerUrl())
                .post("/dev/tokens", null, "{\"sub\":\"" + personId + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return issued.json().get("access_token").asString();
    }

    /** Sends an exact copy of the person's record again and waits until the consumer has committed past it. */
    private void redeliver(String topic, String key, String consumerGroup) throws Exception {
        ConsumerRecord<String, byte[]> original;
        try (TopicProbe probe = new TopicProbe(stack.kafkaBootstrap(), topic)) {
            original = probe.await(TopicProbe.keyed(key), PROPAGATION);
        }
        RecordMetadata copy = producer.send(new ProducerRecord<>(
                        topic,
                        original.partition(),
                        key,
                        original.value(),
                        new RecordHeaders(original.headers().toArray())))
                .get();
        TopicPartition partition = new TopicPartition(topic, copy.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            await().atMost(PROPAGATION).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(consumerGroup)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > copy.offset();
            });
        }
    }

    private void send(String topic, String key, byte[] value, String ceType) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersFor(TopicProbe probe, String key) {
        return probe.drain(Duration.ZERO).stream().filter(TopicProbe.keyed(key)).toList();
    }

    private MongoCollection<Document> people() {
        return mongo.getDatabase("samepath_matching").getCollection("people");
    }

    private MongoCollection<Document> contactPoints() {
        return mongo.getDatabase("samepath_notification").getCollection("contact_points");
    }

    private static Document awaitDocument(MongoCollection<Document> collection, String id) {
        return await().atMost(PROPAGATION)
                .until(() -> collection.find(new Document("_id", id)).first(), document -> document != null);
    }

    private static String newPersonId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
