package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.CloudEventHeaders;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.samepath.testsupport.TopicProbe;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** "I need support now" and report-and-block, as profile-service answers and announces them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SafetyTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static CloudEventProducer producer;
    private static TopicProbe safetyTopic;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "profile_safety_tests");
    }

    @BeforeEach
    void clients() {
        if (producer == null) {
            String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
            producer = new CloudEventProducer(kafka, "/tests");
            safetyTopic = new TopicProbe(kafka, Topics.SAFETY);
        }
    }

    @AfterAll
    static void close() {
        producer.close();
        safetyTopic.close();
    }

    @Test
    void aNewcomerAskingForSupportGetsCrisisResourcesAtOnceAndCoordinatorsAreAlerted() {
        String newcomer = "n-" + UUID.randomUUID().toString().substring(0, 8);

        Response response = api().post("/api/v1/support-requests", tokens.token(newcomer, "NEWCOMER"), "");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("crisisResources").get(0).get("phone").asString())
                .isEqualTo("988");
        ConsumerRecord<String, byte[]> alert = safetyTopic.await(TopicProbe.keyed(newcomer), Duration.ofSeconds(15));
        assertThat(TopicProbe.header(alert, CloudEventHeaders.TYPE))
                .isEqualTo(EventCatalog.URGENT_SUPPORT_REQUESTED.type());
    }

    @Test
    void onlyNewcomersAskForUrgentSupport() {
        assertThat(api().post("/api/v1/support-requests", tokens.token("m-1", "MENTOR"), "")
                        .status())
                .isEqualTo(403);
        assertThat(api().post("/api/v1/support-requests", null, "").status()).isEqualTo(401);
    }

    @Test
    void aReportBlocksThePairAndAlertsCoordinatorsWithoutTheReportersWords() {
        String newcomer = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String mentor = "m-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().put(
                                "/api/v1/profiles/me",
                                tokens.token(newcomer, "NEWCOMER"),
                                ProfileFixtures.newcomer("Ana", "ana@example.org"))
                        .status())
                .isEqualTo(201);
        assertThat(api().put(
                                "/api/v1/profiles/me",
                                tokens.token(mentor, "MENTOR"),
                                ProfileFixtures.mentor("Max", "max@example.org"))
                        .status())
                .isEqualTo(201);
        String newcomerPath = "/api/v1/profiles/" + newcomer;
        assertThat(api().post("/api/v1/reports", tokens.token(newcomer, "NEWCOMER"), report(mentor))
                        .status())
                .as("no proposal or match between them yet")
                .isEqualTo(404);

        propose(mentor, newcomer);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        api().get(newcomerPath, tokens.token(mentor, "MENTOR")).status())
                .isEqualTo(200));
        Response reported = api().post("/api/v1/reports", tokens.token(newcomer, "NEWCOMER"), report(mentor));

        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(api().get(newcomerPath, tokens.token(mentor, "MENTOR")).status())
                .isEqualTo(404);
        ConsumerRecord<String, byte[]> event = safetyTopic.await(TopicProbe.keyed(newcomer), Duration.ofSeconds(15));
        assertThat(TopicProbe.value(event))
                .contains("\"subjectId\":\"" + mentor + "\"", "\"rematchRequested\":true")
                .doesNotContain("made me uncomfortable");
    }

    @Test
    void aReportWithoutAReasonIsRejectedNamingTheField() {
        Response response = api().post("/api/v1/reports", tokens.token("n-2", "NEWCOMER"), "{\"subjectId\":\"m-2\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("reason");
    }

    private static String report(String subjectId) {
        return "{\"subjectId\":\"" + subjectId + "\",\"reason\":\"made me uncomfortable\",\"rematch\":true}";
    }

    private void propose(String mentor, String newcomer) {
        Instant now = Instant.now();
        MentorProposed proposed = new MentorProposed(
                UUID.randomUUID().toString(),
                "r-" + UUID.randomUUID(),
                newcomer,
                "p-" + UUID.randomUUID(),
                mentor,
                now,
                80,
                List.of(),
                now.plus(Duration.ofDays(3)));
        producer.send(
                Topics.MATCHING,
                proposed.requestId(),
                EventCatalog.MENTOR_PROPOSED.type(),
                proposed.eventId(),
                proposed);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }
}
