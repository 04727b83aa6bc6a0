package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.CloudEventHeaders;
import org.samepath.contracts.Topics;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.samepath.testsupport.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileApiTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final String DATABASE = "profile_api_tests";
    private static TopicProbe profilesTopic;
    private static TopicProbe contactPointsTopic;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    /** After the application context is up, so the service has created its topics. */
    @BeforeEach
    void probes() {
        if (profilesTopic == null) {
            String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
            profilesTopic = new TopicProbe(kafka, Topics.PROFILES);
            contactPointsTopic = new TopicProbe(kafka, Topics.CONTACT_POINTS);
        }
    }

    @AfterAll
    static void closeProbes() {
        profilesTopic.close();
        contactPointsTopic.close();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static String newPersonId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void mentorProfilePublishesASnapshotWithOnlyConsentedMatchableData() {
        String mentorId = newPersonId();
        Response response = api().put(
                        "/api/v1/profiles/me",
                        tokens.token(mentorId, "MENTOR"),
                        ProfileFixtures.mentor("Marco Secretname", "marco@example.org"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");

        ConsumerRecord<String, byte[]> snapshot =
                profilesTopic.await(TopicProbe.keyed(mentorId), Duration.ofSeconds(15));
        String json = TopicProbe.value(snapshot);
        assertThat(TopicProbe.header(snapshot, CloudEventHeaders.TYPE))
                .isEqualTo("org.samepath.profile.matchable-profile-changed.v1");
        assertThat(TopicProbe.header(snapshot, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(snapshot, CloudEventHeaders.ID)).isNotBlank();
        assertThat(json)
                .contains("\"personId\":\"" + mentorId + "\"", "substance:alcohol", "MATCH_ONLY", "\"version\":1")
                .doesNotContain("Secretname", "marco@example.org", "trauma:combat", "secular", "displayName");

        ConsumerRecord<String, byte[]> contact =
                contactPointsTopic.await(TopicProbe.keyed(mentorId), Duration.ofSeconds(15));
        assertThat(TopicProbe.value(contact)).contains("marco@example.org").doesNotContain("substance");
    }

    @Test
    void replacingAProfileBumpsTheVersionAndPublishesTheNewSnapshot() {
        String newcomerId = newPersonId();
        String token = tokens.token(newcomerId, "NEWCOMER");
        assertThat(api().put("/api/v1/profiles/me", token, ProfileFixtures.newcomer("Nina", "n@example.org"))
                        .status())
                .isEqualTo(201);
        Response second = api().put("/api/v1/profiles/me", token, ProfileFixtures.newcomer("Nina", "nina@example.org"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("version").asLong()).isEqualTo(2);
        profilesTopic.await(
                record -> newcomerId.equals(record.key())
                        && TopicProbe.value(record).contains("\"version\":2"),
                Duration.ofSeconds(15));
        assertThat(api().get("/api/v1/profiles/me", token)
                        .json()
                        .get("contact")
                        .get("email")
                        .asString())
                .isEqualTo("nina@example.org");
    }

    @Test
    void outboxIsEmptiedOnceEventsArePublished() {
        String mentorId = newPersonId();
        api().put(
                        "/api/v1/profiles/me",
                        tokens.token(mentorId, "MENTOR"),
                        ProfileFixtures.mentor("M", "m@example.org"));
        MongoDatabase database = mongoClient.getDatabase(DATABASE);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(database.getCollection("profiles")
                        .find(new org.bson.Document("_id", mentorId))
                        .first()
                        .getList("outbox", Object.class))
                .isEmpty());
    }

    @Test
    void snapshotAndContactTopicsAreCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.shared().kafkaBootstrapServers()))) {
            for (String topic : List.of(Topics.PROFILES, Topics.CONTACT_POINTS)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .as(topic)
                        .isEqualTo("compact");
            }
        }
    }

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() {
        Response response = api().get("/api/v1/profiles/me", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void expiredOrForeignTokensAreUnauthorized() {
        assertThat(api().get("/api/v1/profiles/me", tokens.expiredToken("p-1", "MENTOR"))
                        .status())
                .isEqualTo(401);
        assertThat(api().get("/api/v1/profiles/me", tokens.tokenWithWrongSignature("p-1", "MENTOR"))
                        .status())
                .isEqualTo(401);
        assertThat(api().get("/api/v1/profiles/me", tokens.tokenFromAnotherIssuer("p-1", "MENTOR"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void coordinatorMayNotCreateAProfileAndGetsAForbiddenProblem() {
        Response response = api().put(
                        "/api/v1/profiles/me",
                        tokens.token(newPersonId(), "COORDINATOR"),
                        ProfileFixtures.mentor("C", "c@example.org"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }

    @Test
    void unknownConsentValueIsRejectedNamingTheFieldAndNothingIsStored() {
        String mentorId = newPersonId();
        String body = ProfileFixtures.mentor("M", "m@example.org").replace("\"MATCH_ONLY\"", "\"EVERYONE\"");

        Response response = api().put("/api/v1/profiles/me", tokens.token(mentorId, "MENTOR"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(fieldsNamedIn(response)).containsExactly("livedExperience[1].consent");
        assertNothingStoredOrPublishedFor(mentorId);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        String mentorId = newPersonId();
        String body = ProfileFixtures.mentor("M", "not-an-email")
                .replace("\"capacity\": 3", "\"capacity\": 11")
                .replace("\"2016-04-01\"", "\"2999-01-01\"")
                .replace("\"veteran\"", "\"astronaut\"")
                .replace("America/Chicago", "Mars/Olympus");

        Response response = api().put("/api/v1/profiles/me", tokens.token(mentorId, "MENTOR"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(fieldsNamedIn(response)).contains("capacity", "recoverySince", "contact.email");
        Response vocabulary = api().put(
                        "/api/v1/profiles/me",
                        tokens.token(mentorId, "MENTOR"),
                        ProfileFixtures.mentor("M", "m@example.org")
                                .replace("\"veteran\"", "\"astronaut\"")
                                .replace("America/Chicago", "Mars/Olympus"));
        assertThat(fieldsNamedIn(vocabulary)).containsExactlyInAnyOrder("identities[0]", "timeZone");
        assertNothingStoredOrPublishedFor(mentorId);
    }

    @Test
    void malformedJsonWrongContentTypeAndOversizedBodiesAreProblems() {
        String token = tokens.token(newPersonId(), "MENTOR");

        Response malformed = api().put("/api/v1/profiles/me", token, "{\"role\": ");
        Response wrongType = api().send("PUT", "/api/v1/profiles/me", token, "text/plain", "hello");
        Response oversized =
                api().put("/api/v1/profiles/me", token, "{\"displayName\": \"" + "x".repeat(70_000) + "\"}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(fieldsNamedIn(wrongType)).containsExactly("Content-Type");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.isProblem()).isTrue();
    }

    @Test
    void unknownFieldsAreRejected() {
        String mentorId = newPersonId();
        String body = ProfileFixtures.mentor("M", "m@example.org").replace("\"role\"", "\"$where\": 1, \"role\"");

        Response response = api().put("/api/v1/profiles/me", tokens.token(mentorId, "MENTOR"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(fieldsNamedIn(response)).containsExactly("$where");
        assertNothingStoredOrPublishedFor(mentorId);
    }

    private static java.util.List<String> fieldsNamedIn(Response response) {
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().has("errors")).as(response.toString()).isTrue();
        return response.json().get("errors").findValuesAsString("field");
    }

    private void assertNothingStoredOrPublishedFor(String personId) {
        assertThat(mongoClient
                        .getDatabase(DATABASE)
                        .getCollection("profiles")
                        .countDocuments(new org.bson.Document("_id", personId)))
                .isZero();
        assertThat(profilesTopic.drain(Duration.ofSeconds(1))).noneMatch(TopicProbe.keyed(personId));
    }
}
