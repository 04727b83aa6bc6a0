package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator dashboard's API (bearer tokens) and the browser sign-in around its page. The page itself is driven
 * in a real browser by local-stack's {@code DashboardBrowserTests}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"samepath.matching.timer-interval=300ms", "samepath.dashboard.update-interval=300ms"})
class DashboardTests {

    static final String DATABASE = "matching_dashboard_tests";
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static CloudEventProducer producer;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    PeopleFixtures people;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    @BeforeEach
    void producer() {
        if (producer == null) {
            producer = new CloudEventProducer(TestInfrastructure.shared().kafkaBootstrapServers(), "/tests");
        }
        people = new PeopleFixtures(producer);
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    String coordinator() {
        return tokens.token("coordinator-1", "COORDINATOR");
    }

    @Test
    void showsRequestsByStateTheWaitlistWithReasonsCapacityAndMentorsAwaitingApproval() {
        String language = "x" + UUID.randomUUID().toString().substring(0, 5); // a language only this test uses
        String mentor = PeopleFixtures.newId("mentor");
        String pending = PeopleFixtures.newId("mentor-pending");
        String first = PeopleFixtures.newId("newcomer");
        String second = PeopleFixtures.newId("newcomer");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of(language));
        people.mentor(pending, 1, ProfileStatus.PENDING_APPROVAL, 2, List.of("en"));
        people.newcomer(first, List.of(language), List.of(PeopleFixtures.mustSpeak(language)));
        people.newcomer(second, List.of(language), List.of(PeopleFixtures.mustSpeak(language)));
        awaitPeople(mentor, pending, first, second);
        JsonNode before = dashboard("24h");

        assertThat(submit(first).get("status").asString()).isEqualTo("PROPOSED");
        String waitingRequest = submit(second).get("id").asString();

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode now = dashboard("24h");
            assertThat(now.at("/openRequests/PROPOSED").asLong())
                    .isEqualTo(before.at("/openRequests/PROPOSED").asLong() + 1);
            assertThat(now.at("/openRequests/WAITLISTED").asLong())
                    .isEqualTo(before.at("/openRequests/WAITLISTED").asLong() + 1);
            JsonNode waiting = find(now.get("waitlist"), "requestId", waitingRequest);
            assertThat(waiting).as("waitlisted request on the dashboard").isNotNull();
            assertThat(waiting.get("newcomerId").asString()).isEqualTo(second);
            assertThat(waiting.get("reasons").toString()).as("why nobody yet").isNotEqualTo("[]");
            assertThat(find(now.get("pendingApproval"), "mentorId", pending)).isNotNull();
            assertThat(now.at("/mentors/slotsUsed").asInt())
                    .isEqualTo(before.at("/mentors/slotsUsed").asInt() + 1);
            assertThat(now.at("/mentors/slotsTotal").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(now.get("activity").toString()).contains(second + " is on the waitlist");
        });
        String page = dashboard("24h").toString();
        assertThat(page).as("pseudonymous ids only: no lived experience").doesNotContain("alcohol");
    }

    @Test
    void urgentFlagsAndReportsStayUntilACoordinatorAcknowledgesThemOnce() {
        String newcomer = PeopleFixtures.newId("newcomer");
        String flagId = UUID.randomUUID().toString();
        UrgentSupportRequested flag = new UrgentSupportRequested(flagId, newcomer, Instant.now());
        producer.send(Topics.SAFETY, newcomer, EventCatalog.URGENT_SUPPORT_REQUESTED.type(), flagId, flag);
        producer.send(Topics.SAFETY, newcomer, EventCatalog.URGENT_SUPPORT_REQUESTED.type(), flagId, flag);
        String reportId = UUID.randomUUID().toString();
        producer.send(
                Topics.SAFETY,
                newcomer,
                EventCatalog.PERSON_REPORTED.type(),
                reportId,
                new PersonReported(reportId, "report-1", newcomer, "mentor-x", Instant.now(), true));

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode alerts = api().get("/api/v1/alerts", coordinator()).json();
            assertThat(find(alerts, "id", flagId)).isNotNull();
            assertThat(find(alerts, "id", reportId)).isNotNull();
        });
        assertThat(mongo.getDatabase(DATABASE).getCollection("alerts").countDocuments(new Document("_id", flagId)))
                .as("a redelivered flag raises nothing new")
                .isEqualTo(1);
        JsonNode shown = find(dashboard("1h").get("alerts"), "id", flagId);
        assertThat(shown.get("kind").asString()).isEqualTo("URGENT_SUPPORT");
        assertThat(shown.get("awaitingAcknowledgement").asBoolean()).isTrue();

        Response forbidden =
                api().post("/api/v1/alerts/" + flagId + "/acknowledge", tokens.token("mentor-1", "MENTOR"), "{}");
        assertThat(forbidden.status()).isEqualTo(403);
        Response acknowledged = api().post(
                        "/api/v1/alerts/" + flagId + "/acknowledge",
                        coordinator(),
                        "{\"note\":\"Called them; they are with family tonight.\"}");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("acknowledgedBy").asString()).isEqualTo("coordinator-1");
        Response again = api().post(
                        "/api/v1/alerts/" + flagId + "/acknowledge",
                        tokens.token("coordinator-2", "COORDINATOR"),
                        "{}");
        assertThat(again.json().get("acknowledgedBy").asString())
                .as("the first acknowledgement stands")
                .isEqualTo("coordinator-1");
        assertThat(again.json().get("note").asString()).startsWith("Called them");
        JsonNode after = find(dashboard("1h").get("alerts"), "id", flagId);
        assertThat(after.get("awaitingAcknowledgement").asBoolean()).isFalse();

        assertThat(api().post("/api/v1/alerts/no-such-alert/acknowledge", coordinator(), "{}")
                        .status())
                .isEqualTo(404);

        producer.sendBytes(Topics.PROFILES, newcomer, EventCatalog.MATCHABLE_PROFILE_CHANGED.type(), "erase", null);
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(mongo.getDatabase(DATABASE)
                        .getCollection("alerts")
                        .countDocuments(new Document("personId", newcomer)))
                .as("an erased person's alerts go with them")
                .isZero());
    }

    @Test
    void theStreamPushesANewSnapshotWhenSomethingChanges() throws Exception {
        String language = "y" + UUID.randomUUID().toString().substring(0, 5);
        String newcomer = PeopleFixtures.newId("newcomer");
        people.newcomer(newcomer, List.of(language), List.of(PeopleFixtures.mustSpeak(language)));
        awaitPeople(newcomer);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/dashboard/stream"))
                .header("Authorization", "Bearer " + coordinator())
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<JsonNode> snapshots = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readSnapshots(response.body(), snapshots), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode first = snapshots.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("a snapshot at once").isNotNull();
            long waitlisted = first.at("/openRequests/WAITLISTED").asLong();

            String requestId = submit(newcomer).get("id").asString();

            JsonNode changed = null;
            Instant deadline = Instant.now().plusSeconds(10);
            while (changed == null && Instant.now().isBefore(deadline)) {
                JsonNode next = snapshots.poll(2, TimeUnit.SECONDS);
                if (next != null && find(next.get("waitlist"), "requestId", requestId) != null) {
                    changed = next;
                }
            }
            assertThat(changed)
                    .as("a pushed snapshot with the new waitlisted request")
                    .isNotNull();
            assertThat(changed.at("/openRequests/WAITLISTED").asLong()).isEqualTo(waitlisted + 1);
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    @Test
    void assignmentOptionsExplainWhoFitsAndWhoDoesNotAndAnOverrideNeedsAReason() {
        String language = "z" + UUID.randomUUID().toString().substring(0, 5);
        String newcomer = PeopleFixtures.newId("newcomer");
        String otherLanguage = PeopleFixtures.newId("mentor-other");
        people.newcomer(newcomer, List.of(language), List.of(PeopleFixtures.mustSpeak(language)));
        people.mentor(otherLanguage, 2, ProfileStatus.APPROVED, 2, List.of("en"));
        awaitPeople(newcomer, otherLanguage);
        String requestId = submit(newcomer).get("id").asString();

        Response all = api().get("/api/v1/match-requests/" + requestId + "/assignment-options", coordinator());
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().isArray()).isTrue();
        await().atMost(PROPAGATION).untilAsserted(() -> {
            Response options = api().get(
                            "/api/v1/match-requests/" + requestId + "/assignment-options?mentorId=" + otherLanguage,
                            coordinator());
            assertThat(options.status()).as(options.toString()).isEqualTo(200);
            JsonNode option = find(options.json(), "mentorId", otherLanguage);
            assertThat(option).isNotNull();
            assertThat(option.get("violations").toString())
                    .as("the failing filter in words")
                    .isNotEqualTo("[]");
        });
        assertThat(api().get(
                                "/api/v1/match-requests/" + requestId + "/assignment-options?mentorId=%24gt",
                                coordinator())
                        .status())
                .isEqualTo(400);
        Response withoutReason = api().post(
                        "/api/v1/match-requests/" + requestId + "/assign",
                        coordinator(),
                        "{\"mentorId\":\"" + otherLanguage + "\",\"override\":true}");
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.body()).contains("reason");
        Response assigned = api().post(
                        "/api/v1/match-requests/" + requestId + "/assign",
                        coordinator(),
                        "{\"mentorId\":\"" + otherLanguage
                                + "\",\"override\":true,\"reason\":\"Bilingual enough; newcomer agreed on the phone\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().get("status").asString()).isEqualTo("PROPOSED");
        assertThat(api().get("/api/v1/match-requests/" + requestId + "/assignment-options", coordinator())
                        .status())
                .as("a request is open for assignment only once")
                .isIn(200, 409);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndOnlyCoordinatorsGetIn() {
        Response badWindow = api().get("/api/v1/dashboard?window=5y", coordinator());
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.isProblem()).isTrue();
        assertThat(badWindow.body()).contains("window");
        Response badId = api().post("/api/v1/alerts/%7B%22$gt%22:%22%22%7D/acknowledge", coordinator(), "{}");
        assertThat(badId.status()).isEqualTo(400);
        Response longNote = api().post(
                        "/api/v1/alerts/some-alert/acknowledge",
                        coordinator(),
                        "{\"note\":\"" + "x".repeat(501) + "\"}");
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(longNote.body()).contains("note");

        assertThat(api().get("/api/v1/dashboard", null).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/dashboard", tokens.expiredToken("coordinator-1", "COORDINATOR"))
                        .status())
                .isEqualTo(401);
        assertThat(api().get("/api/v1/dashboard", tokens.token("mentor-1", "MENTOR"))
                        .status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/dashboard", tokens.token("newcomer-1", "NEWCOMER"))
                        .status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/alerts", tokens.token("newcomer-1", "NEWCOMER"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void thePageSignsBrowsersInThroughTheProviderWithPkceAndServesChartJsFromTheJar() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/samepath");

        HttpResponse<String> withBearer = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/dashboard"))
                        .header("Authorization", "Bearer " + coordinator())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withBearer.statusCode())
                .as("the page takes a signed-in session, not a bearer token")
                .isEqualTo(302);

        HttpResponse<String> signIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/oauth2/authorization/samepath"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        URI authorize = URI.create(signIn.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(tokens.issuerUri() + "/oauth2/authorize");
        assertThat(authorize.getQuery())
                .contains("response_type=code")
                .contains("client_id=samepath-dashboard")
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("scope=openid")
                .contains("redirect_uri=" + base + "/login/oauth2/code/samepath");

        HttpResponse<String> chartJs = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/webjars/chart.js/dist/chart.umd.min.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chartJs.statusCode()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart");
    }

    private static void readSnapshots(InputStream body, BlockingQueue<JsonNode> snapshots) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            StringBuilder data = new StringBuilder();
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && data.length() > 0) {
                    snapshots.add(json.readTree(data.toString()));
                    data.setLength(0);
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    private JsonNode dashboard(String window) {
        Response response = api().get("/api/v1/dashboard?window=" + window, coordinator());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        if (array == null) {
            return null;
        }
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asString(""))) {
                return element;
            }
        }
        return null;
    }

    JsonNode submit(String newcomer) {
        Response response = api().post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    void awaitPeople(String... ids) {
        await().atMost(PROPAGATION).untilAsserted(() -> {
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
}
