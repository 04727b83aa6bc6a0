package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.CloudEventHeaders;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.samepath.testsupport.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Proposal deadlines (a reminder at half, expiry and the next candidate) and coordinators' hand assignment. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"samepath.matching.response-deadline=4s", "samepath.matching.timer-interval=250ms"})
class TimersAndAssignmentTests {

    static final String DATABASE = "matching_timer_tests";
    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static CloudEventProducer producer;
    private static TopicProbe matchingTopic;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    @BeforeEach
    void clients() {
        if (producer == null) {
            String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
            producer = new CloudEventProducer(kafka, "/tests");
            matchingTopic = new TopicProbe(kafka, Topics.MATCHING);
        }
    }

    @AfterAll
    static void close() {
        producer.close();
        matchingTopic.close();
    }

    @Test
    void anUnansweredProposalGetsAReminderThenExpiresAndTheNextMentorIsProposed() {
        PeopleFixtures people = new PeopleFixtures(producer);
        String first = PeopleFixtures.newId("mentor");
        String second = PeopleFixtures.newId("mentor");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(first, 2, ProfileStatus.APPROVED, 1, List.of("ja"));
        people.mentor(second, 2, ProfileStatus.APPROVED, 1, List.of("ja"));
        people.newcomer(newcomer, List.of("ja"), List.of(PeopleFixtures.mustSpeak("ja")));
        awaitPeople(first, second, newcomer);

        String requestId = submit(newcomer).get("id").asString();
        String proposed = request(requestId, newcomer)
                .get("currentProposal")
                .get("mentorId")
                .asString();

        ofType(requestId, "org.samepath.match.proposal-reminder-due.v1");
        ofType(requestId, "org.samepath.match.proposal-expired.v1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode request = request(requestId, newcomer);
            assertThat(request.get("status").asString()).isEqualTo("PROPOSED");
            assertThat(request.get("currentProposal").get("mentorId").asString())
                    .isNotEqualTo(proposed);
        });
        assertThat(holds(proposed)).isZero();
    }

    @Test
    void aCoordinatorAssignsByHandWithinTheHardFiltersOrOverridesThemWithAReason() {
        PeopleFixtures people = new PeopleFixtures(producer);
        String mentor = PeopleFixtures.newId("mentor");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of("en"));
        people.newcomer(newcomer, List.of("ko", "en"), List.of(PeopleFixtures.mustSpeak("ko")));
        awaitPeople(mentor, newcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer).get("status").asString()).isEqualTo("WAITLISTED");
        String coordinator = tokens.token("coordinator-1", "COORDINATOR");
        String path = "/api/v1/match-requests/" + requestId + "/assign";

        Response refused = api().post(path, coordinator, "{\"mentorId\":\"" + mentor + "\"}");
        Response noReason = api().post(path, coordinator, "{\"mentorId\":\"" + mentor + "\",\"override\":true}");
        Response assigned = api().post(
                        path,
                        coordinator,
                        "{\"mentorId\":\"" + mentor
                                + "\",\"override\":true,\"reason\":\"speaks Korean, profile outdated\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("must language");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json()
                        .get("currentProposal")
                        .get("assignedByCoordinator")
                        .asBoolean())
                .isTrue();
        JsonNode provenance = api().get("/api/v1/match-requests/" + requestId + "/provenance", coordinator)
                .json();
        assertThat(provenance.get("decisions").findValuesAsString("outcome")).containsExactly("WAITLISTED", "ASSIGNED");
        assertThat(api().post(path, tokens.token(mentor, "MENTOR"), "{\"mentorId\":\"" + mentor + "\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anOverrideNeverLiftsAReportsBlockOrAMentorWhoIsNotApproved() {
        PeopleFixtures people = new PeopleFixtures(producer);
        String reported = PeopleFixtures.newId("mentor-r");
        String suspended = PeopleFixtures.newId("mentor-s");
        String pending = PeopleFixtures.newId("mentor-p");
        String paused = PeopleFixtures.newId("mentor-z");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(reported, 2, ProfileStatus.APPROVED, 1, List.of("lt"));
        people.mentor(suspended, 2, ProfileStatus.SUSPENDED, 1, List.of("lt"));
        people.mentor(pending, 2, ProfileStatus.PENDING_APPROVAL, 1, List.of("lt"));
        people.mentor(paused, 2, ProfileStatus.PAUSED, 1, List.of("lt"));
        // Lithuanian: no other test class has a mentor who speaks it, so the reported mentor is the only fit.
        people.newcomer(newcomer, List.of("lt"), List.of(PeopleFixtures.mustSpeak("lt")));
        awaitPeople(reported, suspended, pending, paused, newcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer)
                        .get("currentProposal")
                        .get("mentorId")
                        .asString())
                .isEqualTo(reported);

        people.report(newcomer, reported);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        request(requestId, newcomer).get("status").asString())
                .isEqualTo("WAITLISTED"));
        String coordinator = tokens.token("coordinator-1", "COORDINATOR");
        String path = "/api/v1/match-requests/" + requestId + "/assign";

        for (String mentor : List.of(reported, suspended, pending, paused)) {
            Response overridden = api().post(
                            path,
                            coordinator,
                            "{\"mentorId\":\"" + mentor
                                    + "\",\"override\":true,\"reason\":\"the newcomer asked for this mentor\"}");
            assertThat(overridden.status()).as(mentor + ": " + overridden).isEqualTo(409);
            assertThat(overridden.json().get("detail").asString())
                    .as(mentor)
                    .contains("even with an override")
                    .contains(mentor.equals(reported) ? "blocked" : "not approved");
            assertThat(holds(mentor)).as(mentor).isZero();
        }
        JsonNode options = api().get(
                        "/api/v1/match-requests/" + requestId + "/assignment-options?mentorId=" + reported, coordinator)
                .json();
        assertThat(options.toString()).contains("\"overridable\":false");
        assertThat(request(requestId, newcomer).get("status").asString()).isEqualTo("WAITLISTED");
        JsonNode provenance = api().get("/api/v1/match-requests/" + requestId + "/provenance", coordinator)
                .json();
        assertThat(provenance.get("decisions").findValuesAsString("outcome")).doesNotContain("ASSIGNED");
    }

    private ConsumerRecord<String, byte[]> ofType(String requestId, String ceType) {
        return matchingTopic.await(
                record -> requestId.equals(record.key())
                        && ceType.equals(TopicProbe.header(record, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(15));
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private JsonNode submit(String newcomer) {
        Response response = api().post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    private JsonNode request(String requestId, String newcomer) {
        return api().get("/api/v1/match-requests/" + requestId, tokens.token(newcomer, "NEWCOMER"))
                .json();
    }

    private void awaitPeople(String... ids) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(mongo.getDatabase(DATABASE)
                                .getCollection("people")
                                .find(new Document("_id", id))
                                .first())
                        .as(id)
                        .isNotNull();
            }
        });
    }

    private int holds(String mentorId) {
        Document slots = mongo.getDatabase(DATABASE)
                .getCollection("mentor_slots")
                .find(new Document("_id", mentorId))
                .first();
        return slots == null ? 0 : slots.getList("holds", Document.class).size();
    }
}
