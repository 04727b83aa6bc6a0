package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mentor vetting and hiatus: a new mentor waits for a coordinator's approval, coordinators approve, suspend and
 * reinstate, mentors pause and resume themselves. Every transition publishes the mentor's next snapshot (so matching
 * follows) and is audited with who did it, never with what the profile says; a transition the current status does
 * not allow is a 409 that changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MentorVettingTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final String DATABASE = "profile_mentor_vetting_tests";
    private static final Duration PUBLICATION = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe profilesTopic;

    @LocalServerPort
    int port;

    private final String coordinatorId = "c-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        // The sweep only picks up what a crash left behind: with a long grace, every snapshot these tests see was
        // published right after its write, as the README promises ("Right after the write the relay publishes them").
        registry.add("samepath.outbox.sweep-grace", () -> "1m");
    }

    @BeforeEach
    void probe() {
        if (profilesTopic == null) {
            profilesTopic = new TopicProbe(TestInfrastructure.shared().kafkaBootstrapServers(), Topics.PROFILES);
        }
    }

    @AfterAll
    static void closeProbe() {
        if (profilesTopic != null) {
            profilesTopic.close();
        }
    }

    @Test
    void aNewMentorIsPendingApprovalAndListedForCoordinators() {
        String mentorId = newMentor("Penelope Waitwell");
        String newcomerId = newPersonId();
        assertThat(api().put(
                                "/api/v1/profiles/me",
                                tokens.token(newcomerId, "NEWCOMER"),
                                ProfileFixtures.newcomer("Ned", newcomerId + "@example.org"))
                        .status())
                .isEqualTo(201);

        Response pending = api().get("/api/v1/mentors?status=PENDING_APPROVAL", coordinator());

        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        JsonNode summary = entryFor(pending, mentorId);
        assertThat(summary).as("%s lists %s", pending, mentorId).isNotNull();
        assertThat(summary.propertyNames())
                .containsExactlyInAnyOrder("id", "displayName", "status", "recoverySince", "capacity", "languages");
        assertThat(summary.get("displayName").asString()).isEqualTo("Penelope Waitwell");
        assertThat(summary.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(summary.get("recoverySince").asString()).isEqualTo("2016-04-01");
        assertThat(summary.get("capacity").asInt()).isEqualTo(3);
        assertThat(summary.get("languages").values())
                .extracting(JsonNode::asString)
                .containsExactly("en", "es");
        assertThat(pending.json().values())
                .allSatisfy(entry -> assertThat(entry.get("status").asString()).isEqualTo("PENDING_APPROVAL"));

        assertThat(entryFor(api().get("/api/v1/mentors?status=APPROVED", coordinator()), mentorId))
                .isNull();
        Response all = api().get("/api/v1/mentors", coordinator());
        assertThat(all.status()).isEqualTo(200);
        assertThat(entryFor(all, mentorId)).isNotNull();
        assertThat(entryFor(all, newcomerId)).as("newcomers are not mentors").isNull();
    }

    @Test
    void approvalMakesTheMentorApprovedAndPublishesTheNextSnapshot() {
        String mentorId = newMentor("Aurelio Vetted");
        awaitSnapshot(mentorId, 1, "PENDING_APPROVAL");

        Response approved = api().post(
                        "/api/v1/mentors/" + mentorId + "/approve",
                        coordinator(),
                        "{\"reason\": \"References and training checked.\"}");

        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode view = approved.json();
        assertThat(view.get("id").asString()).isEqualTo(mentorId);
        assertThat(view.get("status").asString()).isEqualTo("APPROVED");
        assertThat(view.get("version").asLong()).isEqualTo(2);
        assertThat(view.toString())
                .as("the coordinator view shows only what the mentor lets be shown")
                .contains("substance:alcohol")
                .doesNotContain("mental-health:anxiety", "trauma:combat", "MATCH_ONLY", "PRIVATE");

        ConsumerRecord<String, byte[]> snapshot = awaitSnapshot(mentorId, 2, "APPROVED");
        assertThat(TopicProbe.header(snapshot, CloudEventHeaders.TYPE))
                .isEqualTo("org.samepath.profile.matchable-profile-changed.v1");
        assertThat(TopicProbe.value(snapshot))
                .doesNotContain("Aurelio", "References and training", "@example.org", "trauma:combat");

        assertThat(entryFor(api().get("/api/v1/mentors?status=PENDING_APPROVAL", coordinator()), mentorId))
                .isNull();
        assertThat(entryFor(api().get("/api/v1/mentors?status=APPROVED", coordinator()), mentorId)
                        .get("status")
                        .asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void aMentorPausesAndResumesThemselves() {
        String mentorId = newMentor("Hiatus Harriet");
        approve(mentorId);
        String mentor = tokens.token(mentorId, "MENTOR");

        Response paused = api().send("POST", "/api/v1/mentors/me/pause", mentor, null, null);

        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.json().get("version").asLong()).isEqualTo(3);
        assertThat(paused.json().toString())
                .as("the mentor's own full view")
                .contains("mental-health:anxiety", "trauma:combat", mentorId + "@example.org");
        awaitSnapshot(mentorId, 3, "PAUSED");
        assertThat(entryFor(api().get("/api/v1/mentors?status=PAUSED", coordinator()), mentorId))
                .isNotNull();

        Response resumed = api().post("/api/v1/mentors/me/resume", mentor, "");

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("APPROVED");
        awaitSnapshot(mentorId, 4, "APPROVED");
        assertThat(api().get("/api/v1/profiles/me", mentor).json().get("status").asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void coordinatorsSuspendAndReinstate() {
        String pending = newMentor("Sus Pending");
        String approved = newMentor("Sus Approved");
        String paused = newMentor("Sus Paused");
        approve(approved);
        approve(paused);
        assertThat(api().send("POST", "/api/v1/mentors/me/pause", tokens.token(paused, "MENTOR"), null, null)
                        .status())
                .isEqualTo(200);

        for (String mentorId : List.of(pending, approved, paused)) {
            Response suspended = api().post(
                            "/api/v1/mentors/" + mentorId + "/suspend",
                            coordinator(),
                            "{\"reason\": \"A report is being looked into.\"}");
            assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
            assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");
            awaitSnapshot(mentorId, suspended.json().get("version").asLong(), "SUSPENDED");
        }

        Response reinstated =
                api().send("POST", "/api/v1/mentors/" + pending + "/reinstate", coordinator(), null, null);

        assertThat(reinstated.status()).as(reinstated.toString()).isEqualTo(200);
        assertThat(reinstated.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(reinstated.json().get("version").asLong()).isEqualTo(3);
        awaitSnapshot(pending, 3, "APPROVED");
    }

    @Test
    void transitionsTheCurrentStatusDoesNotAllowAreConflictsThatChangeNothing() {
        String pending = newMentor("Ill Pending");
        String approved = newMentor("Ill Approved");
        String suspended = newMentor("Ill Suspended");
        String paused = newMentor("Ill Paused");
        approve(approved);
        approve(paused);
        assertThat(api().send("POST", "/api/v1/mentors/me/pause", tokens.token(paused, "MENTOR"), null, null)
                        .status())
                .isEqualTo(200);
        assertThat(api().send("POST", "/api/v1/mentors/" + suspended + "/suspend", coordinator(), null, null)
                        .status())
                .isEqualTo(200);

        assertConflict(approved, "POST /api/v1/mentors/{id}/approve", "APPROVED", 2);
        assertConflict(pending, "POST /api/v1/mentors/me/pause", "PENDING_APPROVAL", 1);
        assertConflict(pending, "POST /api/v1/mentors/me/resume", "PENDING_APPROVAL", 1);
        assertConflict(pending, "POST /api/v1/mentors/{id}/reinstate", "PENDING_APPROVAL", 1);
        assertConflict(approved, "POST /api/v1/mentors/me/resume", "APPROVED", 2);
        assertConflict(approved, "POST /api/v1/mentors/{id}/reinstate", "APPROVED", 2);
        assertConflict(paused, "POST /api/v1/mentors/me/pause", "PAUSED", 3);
        assertConflict(paused, "POST /api/v1/mentors/{id}/approve", "PAUSED", 3);
        assertConflict(suspended, "POST /api/v1/mentors/{id}/approve", "SUSPENDED", 2);
        assertConflict(suspended, "POST /api/v1/mentors/{id}/suspend", "SUSPENDED", 2);
        assertConflict(suspended, "POST /api/v1/mentors/me/pause", "SUSPENDED", 2);
        assertConflict(suspended, "POST /api/v1/mentors/me/resume", "SUSPENDED", 2);

        awaitSnapshot(approved, 2, "APPROVED");
        awaitSnapshot(paused, 3, "PAUSED");
        awaitSnapshot(suspended, 2, "SUSPENDED");
        List<ConsumerRecord<String, byte[]>> published = profilesTopic.drain(Duration.ofSeconds(2));
        assertThat(snapshotsOf(published, approved))
                .extracting(MentorVettingTests::version)
                .containsExactly(1L, 2L);
        assertThat(snapshotsOf(published, pending))
                .extracting(MentorVettingTests::version)
                .containsExactly(1L);
        assertThat(snapshotsOf(published, suspended))
                .extracting(MentorVettingTests::version)
                .containsExactly(1L, 2L);
        assertThat(snapshotsOf(published, paused))
                .extracting(MentorVettingTests::version)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void vettingSomeoneWhoIsNotAMentorIsNotFound() {
        String newcomerId = newPersonId();
        api().put(
                        "/api/v1/profiles/me",
                        tokens.token(newcomerId, "NEWCOMER"),
                        ProfileFixtures.newcomer("Nora", newcomerId + "@example.org"));

        for (String action : List.of("approve", "suspend", "reinstate")) {
            for (String id : List.of(newcomerId, "nobody-" + newcomerId)) {
                Response response =
                        api().send("POST", "/api/v1/mentors/" + id + "/" + action, coordinator(), null, null);
                assertThat(response.status())
                        .as("%s %s: %s", action, id, response)
                        .isEqualTo(404);
                assertThat(response.isProblem()).as(response.toString()).isTrue();
            }
        }
        Response pause =
                api().send("POST", "/api/v1/mentors/me/pause", tokens.token(newPersonId(), "MENTOR"), null, null);
        assertThat(pause.status()).as("a mentor without a profile: %s", pause).isEqualTo(404);
        assertThat(pause.isProblem()).isTrue();
        assertThat(api().get("/api/v1/profiles/me", tokens.token(newcomerId, "NEWCOMER"))
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anUnknownStatusFilterIsABadRequestNamingStatus() {
        Response response = api().get("/api/v1/mentors?status=SLEEPING", coordinator());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fieldsNamedIn(response)).containsExactly("status");
    }

    @Test
    void aReasonOverFiveHundredCharactersIsABadRequestAndChangesNothing() {
        String mentorId = newMentor("Long Reason");

        Response response = api().post(
                        "/api/v1/mentors/" + mentorId + "/approve",
                        coordinator(),
                        "{\"reason\": \"" + "x".repeat(501) + "\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fieldsNamedIn(response)).containsExactly("reason");
        assertThat(coordinatorView(mentorId).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        Response exactly500 = api().post(
                        "/api/v1/mentors/" + mentorId + "/approve",
                        coordinator(),
                        "{\"reason\": \"" + "x".repeat(500) + "\"}");
        assertThat(exactly500.status()).as(exactly500.toString()).isEqualTo(200);
    }

    @Test
    void aBadReasonBodyIsRefusedAndChangesNothing() {
        String mentorId = newMentor("Body Checked");
        String path = "/api/v1/mentors/" + mentorId + "/approve";

        Response unknownField = api().post(path, coordinator(), "{\"reasn\": \"typo\"}");
        Response malformed = api().post(path, coordinator(), "{\"reason\": ");
        Response wrongType = api().send("POST", path, coordinator(), "text/plain", "approved");

        assertThat(unknownField.status()).as(unknownField.toString()).isEqualTo(400);
        assertThat(fieldsNamedIn(unknownField)).containsExactly("reasn");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(fieldsNamedIn(malformed)).containsExactly("body");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(415);
        assertThat(wrongType.isProblem()).as(wrongType.toString()).isTrue();
        JsonNode unchanged = coordinatorView(mentorId);
        assertThat(unchanged.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentApprovalsApproveOnce() throws Exception {
        String mentorId = newMentor("Many Coordinators");
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String token = tokens.token("c-" + i + "-" + mentorId, "COORDINATOR");
                calls.add(pool.submit(() -> {
                    start.await();
                    return api().send("POST", "/api/v1/mentors/" + mentorId + "/approve", token, null, null);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> call : calls) {
                statuses.add(call.get(30, TimeUnit.SECONDS).status());
            }

            assertThat(statuses).as("statuses %s", statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(coordinatorView(mentorId).get("version").asLong()).isEqualTo(2);
        Response audit = api().get("/api/v1/profiles/" + mentorId + "/audit", coordinator());
        assertThat(audit.json().values())
                .extracting(entry -> entry.get("action").asString())
                .containsExactly("PROFILE_CREATED", "MENTOR_APPROVED");
    }

    @Test
    void theAuditTrailNamesEachActionWhoDidItAndNeverAValue() {
        String mentorId = newPersonId();
        String email = mentorId + "@audit.example.org";
        String mentor = tokens.token(mentorId, "MENTOR");
        String otherCoordinatorId = "c2-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().put("/api/v1/profiles/me", mentor, ProfileFixtures.mentor("Ottilie Auditwright", email))
                        .status())
                .isEqualTo(201);
        Response replaced = api().put(
                        "/api/v1/profiles/me",
                        mentor,
                        ProfileFixtures.mentor("Ottilie Renamedottir", email)
                                .replace("\"capacity\": 3", "\"capacity\": 5"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(api().post(
                                "/api/v1/mentors/" + mentorId + "/approve",
                                coordinator(),
                                "{\"reason\": \"Interview notes Zanzibar\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api().send("POST", "/api/v1/mentors/me/pause", mentor, null, null)
                        .status())
                .isEqualTo(200);
        assertThat(api().send("POST", "/api/v1/mentors/me/resume", mentor, null, null)
                        .status())
                .isEqualTo(200);
        assertThat(api().send(
                                "POST",
                                "/api/v1/mentors/" + mentorId + "/suspend",
                                tokens.token(otherCoordinatorId, "COORDINATOR"),
                                null,
                                null)
                        .status())
                .isEqualTo(200);
        assertThat(api().send("POST", "/api/v1/mentors/" + mentorId + "/reinstate", coordinator(), null, null)
                        .status())
                .isEqualTo(200);
        assertThat(api().send("POST", "/api/v1/mentors/" + mentorId + "/reinstate", coordinator(), null, null)
                        .status())
                .as("a refused transition is not audited")
                .isEqualTo(409);

        Response audit = api().get("/api/v1/profiles/" + mentorId + "/audit", coordinator());

        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>(audit.json().values());
        assertThat(entries)
                .extracting(entry -> entry.get("action").asString())
                .containsExactly(
                        "PROFILE_CREATED",
                        "PROFILE_UPDATED",
                        "MENTOR_APPROVED",
                        "MENTOR_PAUSED",
                        "MENTOR_RESUMED",
                        "MENTOR_SUSPENDED",
                        "MENTOR_REINSTATED");
        assertThat(entries)
                .extracting(entry -> entry.get("actorId").asString() + "/"
                        + entry.get("actorRole").asString())
                .containsExactly(
                        mentorId + "/MENTOR",
                        mentorId + "/MENTOR",
                        coordinatorId + "/COORDINATOR",
                        mentorId + "/MENTOR",
                        mentorId + "/MENTOR",
                        otherCoordinatorId + "/COORDINATOR",
                        coordinatorId + "/COORDINATOR");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.propertyNames())
                .containsExactlyInAnyOrder("at", "actorId", "actorRole", "action", "fields"));
        assertThat(entries.get(1).get("fields").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("displayName", "capacity");
        assertThat(entries.stream()
                        .filter(entry -> !entry.get("action").asString().equals("PROFILE_UPDATED")))
                .allSatisfy(entry -> assertThat(entry.get("fields").isEmpty())
                        .as(entry.toString())
                        .isTrue());
        List<Instant> times = entries.stream()
                .map(entry -> Instant.parse(entry.get("at").asString()))
                .toList();
        assertThat(times).isSorted();
        assertThat(audit.body())
                .doesNotContain(
                        email,
                        "Ottilie",
                        "Auditwright",
                        "Renamedottir",
                        "substance:alcohol",
                        "mental-health:anxiety",
                        "trauma:combat",
                        "veteran",
                        "secular",
                        "oak-house",
                        "2016-04-01",
                        "Zanzibar");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private void assertConflict(String mentorId, String endpoint, String status, long version) {
        String path = endpoint.substring("POST ".length()).replace("{id}", mentorId);
        String token = path.contains("/me/") ? tokens.token(mentorId, "MENTOR") : coordinator();

        Response response = api().send("POST", path, token, null, null);

        assertThat(response.status())
                .as("%s while %s: %s", endpoint, status, response)
                .isEqualTo(409);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(409);
        JsonNode unchanged = coordinatorView(mentorId);
        assertThat(unchanged.get("status").asString()).as(endpoint).isEqualTo(status);
        assertThat(unchanged.get("version").asLong()).as(endpoint).isEqualTo(version);
    }

    private String newMentor(String displayName) {
        String mentorId = newPersonId();
        Response created = api().put(
                        "/api/v1/profiles/me",
                        tokens.token(mentorId, "MENTOR"),
                        ProfileFixtures.mentor(displayName, mentorId + "@example.org"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        return mentorId;
    }

    private void approve(String mentorId) {
        Response approved = api().send("POST", "/api/v1/mentors/" + mentorId + "/approve", coordinator(), null, null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    }

    private JsonNode coordinatorView(String personId) {
        Response response = api().get("/api/v1/profiles/" + personId, coordinator());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private ConsumerRecord<String, byte[]> awaitSnapshot(String personId, long version, String status) {
        return profilesTopic.await(
                record -> personId.equals(record.key())
                        && record.value() != null
                        && version(record) == version
                        && status.equals(
                                JSON.readTree(record.value()).path("status").asString()),
                PUBLICATION);
    }

    private static List<ConsumerRecord<String, byte[]>> snapshotsOf(
            List<ConsumerRecord<String, byte[]>> records, String personId) {
        return records.stream()
                .filter(TopicProbe.keyed(personId))
                .filter(record -> record.value() != null)
                .toList();
    }

    private static long version(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value()).path("version").asLong();
    }

    private static JsonNode entryFor(Response list, String personId) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().isArray()).as(list.toString()).isTrue();
        return list.json()
                .valueStream()
                .filter(entry -> personId.equals(entry.path("id").asString()))
                .findFirst()
                .orElse(null);
    }

    private static List<String> fieldsNamedIn(Response response) {
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().has("errors")).as(response.toString()).isTrue();
        return response.json().get("errors").findValuesAsString("field");
    }

    private String coordinator() {
        return tokens.token(coordinatorId, "COORDINATOR");
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static String newPersonId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
