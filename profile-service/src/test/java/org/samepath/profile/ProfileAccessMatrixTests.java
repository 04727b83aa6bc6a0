package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.COORDINATOR;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.EXPIRED_TOKEN;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.MATCHED_MENTOR;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.MENTOR;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.MENTOR_WITHOUT_PROFILE;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.NEWCOMER;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.NEWCOMER_WITHOUT_PROFILE;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.NO_TOKEN;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.OTHER_MENTOR;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.OTHER_NEWCOMER;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.PROPOSED_MENTOR;
import static org.samepath.profile.ProfileAccessMatrixTests.Caller.WRONG_SIGNATURE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.platform.events.EventJson;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, as one table: every profile-service endpoint against every kind of caller (no token, an expired
 * token, a token signed by a stranger, a newcomer, a mentor, a coordinator, a second person of the same role acting on
 * the first one's resources, mentors with and without a proposal or match, people without a profile). Each cell is
 * one dynamic test named "endpoint as caller → status"; every refusal must be a problem+json naming its status and
 * must not leak the profile it refused.
 *
 * <p>Rows on {@code /me} paths have no "second person" cells: such a path can only name the caller's own resources, so
 * a second newcomer or mentor there simply acts on their own.
 *
 * <p>Read-only rows share one cast of people (with a pending proposal and an active match learned from the matching
 * topic); rows that change something get a fresh cast per cell, so no cell depends on another's order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileAccessMatrixTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final String DATABASE = "profile_access_matrix_tests";
    private static final Duration GRANT_PROPAGATION = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    /** Who calls. The three token failures present the token of the row's rightful caller, so only the token is wrong. */
    enum Caller {
        NO_TOKEN(null),
        EXPIRED_TOKEN(null),
        WRONG_SIGNATURE(null),
        /** The first newcomer, who has a pending proposal from {@link #PROPOSED_MENTOR}. */
        NEWCOMER("NEWCOMER"),
        /** The first mentor, with no proposal or match. */
        MENTOR("MENTOR"),
        COORDINATOR("COORDINATOR"),
        OTHER_NEWCOMER("NEWCOMER"),
        OTHER_MENTOR("MENTOR"),
        /** A mentor with a pending proposal for {@link #NEWCOMER}. */
        PROPOSED_MENTOR("MENTOR"),
        /** A mentor with an active match with a third newcomer (the scene's matched newcomer). */
        MATCHED_MENTOR("MENTOR"),
        NEWCOMER_WITHOUT_PROFILE("NEWCOMER"),
        MENTOR_WITHOUT_PROFILE("MENTOR");

        final String role;

        Caller(String role) {
            this.role = role;
        }
    }

    /** Which cast a row plays against: the shared one, or a fresh one whose first mentor is in a given status. */
    enum Setup {
        SHARED,
        FRESH_PENDING_MENTOR,
        FRESH_APPROVED_MENTOR,
        FRESH_PAUSED_MENTOR,
        FRESH_SUSPENDED_MENTOR
    }

    @FunctionalInterface
    interface Call {
        Response send(ApiClient api, Scene scene, Caller caller, String token);
    }

    /** One endpoint's row of the matrix. */
    static final class Row {
        final String endpoint;
        final Caller rightfulCaller;
        final Setup setup;
        final Call call;
        final Map<Caller, Integer> expected = new LinkedHashMap<>();
        final Map<Caller, Consumer<JsonNode>> checks = new EnumMap<>(Caller.class);

        Row(String endpoint, Caller rightfulCaller, Setup setup, Call call) {
            this.endpoint = endpoint;
            this.rightfulCaller = rightfulCaller;
            this.setup = setup;
            this.call = call;
            expect(401, NO_TOKEN, EXPIRED_TOKEN, WRONG_SIGNATURE);
        }

        Row expect(int status, Caller... callers) {
            for (Caller caller : callers) {
                expected.put(caller, status);
            }
            return this;
        }

        /** A further assertion on the body of a successful call (which view the caller got). */
        Row check(Caller caller, Consumer<JsonNode> check) {
            checks.put(caller, check);
            return this;
        }
    }

    private static Row row(String endpoint, Caller rightfulCaller, Setup setup, Call call) {
        return new Row(endpoint, rightfulCaller, setup, call);
    }

    private static List<Row> matrix() {
        return List.of(
                row(
                                "PUT /api/v1/profiles/me",
                                NEWCOMER,
                                Setup.FRESH_PENDING_MENTOR,
                                (api, scene, caller, token) ->
                                        api.put("/api/v1/profiles/me", token, scene.body(caller)))
                        .expect(200, NEWCOMER, MENTOR)
                        .expect(201, NEWCOMER_WITHOUT_PROFILE, MENTOR_WITHOUT_PROFILE)
                        .expect(403, COORDINATOR),
                row(
                                "GET /api/v1/profiles/me",
                                NEWCOMER,
                                Setup.SHARED,
                                (api, scene, caller, token) -> api.get("/api/v1/profiles/me", token))
                        .expect(200, NEWCOMER, MENTOR)
                        .expect(404, NEWCOMER_WITHOUT_PROFILE, MENTOR_WITHOUT_PROFILE)
                        .expect(403, COORDINATOR)
                        .check(NEWCOMER, view -> assertThat(view.get("id").asString())
                                .startsWith("n1-"))
                        .check(MENTOR, view -> assertThat(view.get("id").asString())
                                .startsWith("m1-")),
                row(
                                "GET /api/v1/profiles/{newcomer}",
                                NEWCOMER,
                                Setup.SHARED,
                                (api, scene, caller, token) -> api.get("/api/v1/profiles/" + scene.newcomer(), token))
                        .expect(200, NEWCOMER, COORDINATOR, PROPOSED_MENTOR)
                        .expect(
                                404,
                                OTHER_NEWCOMER,
                                MENTOR,
                                OTHER_MENTOR,
                                MATCHED_MENTOR,
                                NEWCOMER_WITHOUT_PROFILE,
                                MENTOR_WITHOUT_PROFILE)
                        .check(NEWCOMER, ProfileAccessMatrixTests::isOwnFullView)
                        .check(COORDINATOR, ProfileAccessMatrixTests::isCoordinatorView)
                        .check(PROPOSED_MENTOR, view -> isShareableView(view, false)),
                row(
                                "GET /api/v1/profiles/{matched newcomer}",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        api.get("/api/v1/profiles/" + scene.matchedNewcomer(), token))
                        .expect(200, COORDINATOR, MATCHED_MENTOR)
                        .expect(404, NEWCOMER, OTHER_NEWCOMER, MENTOR, OTHER_MENTOR, PROPOSED_MENTOR)
                        .check(MATCHED_MENTOR, view -> isShareableView(view, true)),
                row(
                                "GET /api/v1/profiles/{mentor}",
                                MENTOR,
                                Setup.SHARED,
                                (api, scene, caller, token) -> api.get("/api/v1/profiles/" + scene.mentor(), token))
                        .expect(200, MENTOR, COORDINATOR)
                        .expect(404, OTHER_MENTOR, PROPOSED_MENTOR, NEWCOMER, OTHER_NEWCOMER, NEWCOMER_WITHOUT_PROFILE)
                        .check(MENTOR, view -> assertThat(view.toString())
                                .contains("trauma:combat", "mental-health:anxiety"))
                        .check(COORDINATOR, ProfileAccessMatrixTests::isCoordinatorView),
                row(
                                "GET /api/v1/profiles/{unknown}",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) -> api.get("/api/v1/profiles/nobody-" + scene.tag, token))
                        .expect(404, COORDINATOR, NEWCOMER, MENTOR),
                row(
                                "DELETE /api/v1/profiles/me",
                                NEWCOMER,
                                Setup.FRESH_PENDING_MENTOR,
                                (api, scene, caller, token) -> api.delete("/api/v1/profiles/me", token))
                        .expect(204, NEWCOMER, MENTOR)
                        .expect(404, NEWCOMER_WITHOUT_PROFILE, MENTOR_WITHOUT_PROFILE)
                        .expect(403, COORDINATOR),
                row(
                                "GET /api/v1/mentors?status=PENDING_APPROVAL",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        api.get("/api/v1/mentors?status=PENDING_APPROVAL", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NEWCOMER, MENTOR, PROPOSED_MENTOR),
                row(
                                "GET /api/v1/mentors",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) -> api.get("/api/v1/mentors", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NEWCOMER, MENTOR),
                row(
                                "POST /api/v1/mentors/{mentor}/approve",
                                COORDINATOR,
                                Setup.FRESH_PENDING_MENTOR,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/" + scene.mentor() + "/approve", token))
                        .expect(200, COORDINATOR)
                        .expect(403, MENTOR, OTHER_MENTOR, NEWCOMER)
                        .check(COORDINATOR, view -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("APPROVED")),
                row(
                                "POST /api/v1/mentors/{mentor}/suspend",
                                COORDINATOR,
                                Setup.FRESH_APPROVED_MENTOR,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/" + scene.mentor() + "/suspend", token))
                        .expect(200, COORDINATOR)
                        .expect(403, MENTOR, OTHER_MENTOR, NEWCOMER)
                        .check(COORDINATOR, view -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("SUSPENDED")),
                row(
                                "POST /api/v1/mentors/{mentor}/reinstate",
                                COORDINATOR,
                                Setup.FRESH_SUSPENDED_MENTOR,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/" + scene.mentor() + "/reinstate", token))
                        .expect(200, COORDINATOR)
                        .expect(403, MENTOR, OTHER_MENTOR, NEWCOMER)
                        .check(COORDINATOR, view -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("APPROVED")),
                row(
                                "POST /api/v1/mentors/{newcomer}/approve",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/" + scene.newcomer() + "/approve", token))
                        .expect(404, COORDINATOR)
                        .expect(403, NEWCOMER),
                row(
                                "POST /api/v1/mentors/{unknown}/approve",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/nobody-" + scene.tag + "/approve", token))
                        .expect(404, COORDINATOR),
                row(
                                "POST /api/v1/mentors/{unknown}/suspend",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/nobody-" + scene.tag + "/suspend", token))
                        .expect(404, COORDINATOR),
                row(
                                "POST /api/v1/mentors/{unknown}/reinstate",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        post(api, "/api/v1/mentors/nobody-" + scene.tag + "/reinstate", token))
                        .expect(404, COORDINATOR),
                row(
                                "POST /api/v1/mentors/me/pause",
                                MENTOR,
                                Setup.FRESH_APPROVED_MENTOR,
                                (api, scene, caller, token) -> post(api, "/api/v1/mentors/me/pause", token))
                        .expect(200, MENTOR)
                        .expect(404, MENTOR_WITHOUT_PROFILE)
                        .expect(403, NEWCOMER, COORDINATOR)
                        .check(MENTOR, view -> assertThat(view.get("status").asString())
                                .isEqualTo("PAUSED")),
                row(
                                "POST /api/v1/mentors/me/resume",
                                MENTOR,
                                Setup.FRESH_PAUSED_MENTOR,
                                (api, scene, caller, token) -> post(api, "/api/v1/mentors/me/resume", token))
                        .expect(200, MENTOR)
                        .expect(404, MENTOR_WITHOUT_PROFILE)
                        .expect(403, NEWCOMER, COORDINATOR)
                        .check(MENTOR, view -> assertThat(view.get("status").asString())
                                .isEqualTo("APPROVED")),
                row(
                                "GET /api/v1/profiles/{newcomer}/audit",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        api.get("/api/v1/profiles/" + scene.newcomer() + "/audit", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NEWCOMER, OTHER_NEWCOMER, MENTOR, PROPOSED_MENTOR)
                        .check(COORDINATOR, audit -> assertThat(audit.isArray()).isTrue()),
                row(
                                "GET /api/v1/profiles/{mentor}/audit",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        api.get("/api/v1/profiles/" + scene.mentor() + "/audit", token))
                        .expect(200, COORDINATOR)
                        .expect(403, MENTOR, OTHER_MENTOR, NEWCOMER),
                row(
                                "GET /api/v1/profiles/{unknown}/audit",
                                COORDINATOR,
                                Setup.SHARED,
                                (api, scene, caller, token) ->
                                        api.get("/api/v1/profiles/nobody-" + scene.tag + "/audit", token))
                        .expect(404, COORDINATOR));
    }

    @TestFactory
    Stream<DynamicNode> accessMatrix() {
        Scene shared = sharedScene();
        return matrix().stream()
                .map(row -> DynamicContainer.dynamicContainer(
                        row.endpoint,
                        row.expected.entrySet().stream()
                                .map(cell -> DynamicTest.dynamicTest(
                                        row.endpoint + " as " + cell.getKey() + " → " + cell.getValue(),
                                        () -> assertCell(
                                                row,
                                                cell.getKey(),
                                                cell.getValue(),
                                                row.setup == Setup.SHARED ? shared : freshScene(row.setup))))));
    }

    private void assertCell(Row row, Caller caller, int expected, Scene scene) {
        Response response = row.call.send(api(), scene, caller, scene.token(caller, row.rightfulCaller));

        assertThat(response.status())
                .as("%s as %s: %s", row.endpoint, caller, response)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("a problem+json: %s", response).isTrue();
            assertThat(response.json().get("status").asInt()).isEqualTo(expected);
            assertThat(response.body())
                    .as("a refusal reveals nothing of the profiles it guards")
                    .doesNotContain(scene.namesAndEmails());
        } else if (expected == 200) {
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode body = response.json();
            Consumer<JsonNode> check = row.checks.get(caller);
            if (check != null) {
                check.accept(body);
            }
        }
    }

    // --- the views the callers get -------------------------------------------------------------------------------

    private static void isOwnFullView(JsonNode view) {
        assertThat(view.get("contact").get("email").asString()).contains("@example.org");
        assertThat(view.toString()).contains("mental-health:anxiety", "MATCH_ONLY", "preferences");
    }

    /** Everything their owner lets be shown: MATCH_ONLY and PRIVATE attributes never are. */
    private static void isCoordinatorView(JsonNode view) {
        assertThat(view.get("contact").get("email").asString()).contains("@example.org");
        assertThat(view.toString())
                .contains("substance:alcohol", "veteran")
                .doesNotContain("mental-health:anxiety", "trauma:combat", "MATCH_ONLY", "PRIVATE");
    }

    private static void isShareableView(JsonNode view, boolean withContact) {
        assertThat(view.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "role",
                        "displayName",
                        "languages",
                        "timeZone",
                        "genderIdentity",
                        "ageBand",
                        "availability",
                        "recoveryPathways",
                        "livedExperience",
                        "identities",
                        "faith",
                        "contact");
        assertThat(view.toString())
                .contains("substance:alcohol", "veteran")
                .doesNotContain("mental-health:anxiety", "MATCH_ONLY", "consent", "preferences", "conflicts");
        if (withContact) {
            assertThat(view.get("contact").get("email").asString()).contains("@example.org");
        } else {
            assertThat(view.get("contact").isNull()).as(view.toString()).isTrue();
        }
    }

    // --- the cast ------------------------------------------------------------------------------------------------

    /** The people one matrix cell (or all read-only cells) plays with. */
    static final class Scene {
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final Map<Caller, String> ids = new EnumMap<>(Caller.class);
        final String coordinator = "c-" + tag;
        String matchedNewcomer;

        Scene() {
            ids.put(NEWCOMER, "n1-" + tag);
            ids.put(MENTOR, "m1-" + tag);
            ids.put(COORDINATOR, coordinator);
            ids.put(OTHER_NEWCOMER, "n2-" + tag);
            ids.put(OTHER_MENTOR, "m2-" + tag);
            ids.put(PROPOSED_MENTOR, "mp-" + tag);
            ids.put(MATCHED_MENTOR, "mm-" + tag);
            ids.put(NEWCOMER_WITHOUT_PROFILE, "n0-" + tag);
            ids.put(MENTOR_WITHOUT_PROFILE, "m0-" + tag);
            matchedNewcomer = "n3-" + tag;
        }

        String newcomer() {
            return ids.get(NEWCOMER);
        }

        String mentor() {
            return ids.get(MENTOR);
        }

        String matchedNewcomer() {
            return matchedNewcomer;
        }

        String token(Caller caller, Caller rightfulCaller) {
            return switch (caller) {
                case NO_TOKEN -> null;
                case EXPIRED_TOKEN -> tokens.expiredToken(ids.get(rightfulCaller), rightfulCaller.role);
                case WRONG_SIGNATURE -> tokens.tokenWithWrongSignature(ids.get(rightfulCaller), rightfulCaller.role);
                default -> tokens.token(ids.get(caller), caller.role);
            };
        }

        static String displayName(String personId) {
            return "Person " + personId;
        }

        static String email(String personId) {
            return personId + "@example.org";
        }

        /** The body a caller would PUT: their role's fixture (a coordinator tries a mentor's). */
        String body(Caller caller) {
            String id = ids.get(caller);
            return "NEWCOMER".equals(caller.role)
                    ? ProfileFixtures.newcomer(displayName(id), email(id))
                    : ProfileFixtures.mentor(displayName(id), email(id));
        }

        String[] namesAndEmails() {
            List<String> all = new ArrayList<>();
            List<String> people = new ArrayList<>(ids.values());
            people.add(matchedNewcomer);
            for (String id : people) {
                all.add(displayName(id));
                all.add(email(id));
            }
            return all.toArray(String[]::new);
        }
    }

    private Scene sharedScene() {
        Scene scene = new Scene();
        createProfiles(scene, NEWCOMER, MENTOR, OTHER_NEWCOMER, OTHER_MENTOR, PROPOSED_MENTOR, MATCHED_MENTOR);
        create(scene.matchedNewcomer, "NEWCOMER");

        String proposedRequest = "r-" + UUID.randomUUID();
        String matchedRequest = "r-" + UUID.randomUUID();
        String matchedProposal = "pr-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (CloudEventProducer matching = matchingService()) {
            publish(
                    matching,
                    EventCatalog.MENTOR_PROPOSED,
                    new MentorProposed(
                            UUID.randomUUID().toString(),
                            proposedRequest,
                            scene.newcomer(),
                            "pr-" + UUID.randomUUID(),
                            scene.ids.get(PROPOSED_MENTOR),
                            now,
                            87,
                            List.of("both in recovery from alcohol use"),
                            now.plus(Duration.ofHours(48))));
            publish(
                    matching,
                    EventCatalog.MENTOR_PROPOSED,
                    new MentorProposed(
                            UUID.randomUUID().toString(),
                            matchedRequest,
                            scene.matchedNewcomer,
                            matchedProposal,
                            scene.ids.get(MATCHED_MENTOR),
                            now,
                            80,
                            List.of("both speak Spanish"),
                            now.plus(Duration.ofHours(48))));
            publish(
                    matching,
                    EventCatalog.PROPOSAL_ACCEPTED,
                    new ProposalAccepted(
                            UUID.randomUUID().toString(),
                            matchedRequest,
                            scene.matchedNewcomer,
                            matchedProposal,
                            scene.ids.get(MATCHED_MENTOR),
                            now.plusSeconds(1),
                            "match-" + UUID.randomUUID()));
        }
        awaitGrantsQuietly(scene);
        return scene;
    }

    /**
     * Gives the listener time to learn the proposal and the match. A timeout is not fatal here: the cells that depend
     * on the grants then fail with their own, more telling message.
     */
    private void awaitGrantsQuietly(Scene scene) {
        try {
            await().atMost(GRANT_PROPAGATION)
                    .until(() -> api().get(
                                                    "/api/v1/profiles/" + scene.newcomer(),
                                                    scene.token(PROPOSED_MENTOR, PROPOSED_MENTOR))
                                            .status()
                                    == 200
                            && !api().get(
                                            "/api/v1/profiles/" + scene.matchedNewcomer,
                                            scene.token(MATCHED_MENTOR, MATCHED_MENTOR))
                                    .json()
                                    .path("contact")
                                    .path("email")
                                    .isMissingNode());
        } catch (ConditionTimeoutException e) {
            System.err.println("The viewing grants did not arrive within " + GRANT_PROPAGATION + "; cells will tell.");
        }
    }

    private Scene freshScene(Setup setup) {
        Scene scene = new Scene();
        createProfiles(scene, NEWCOMER, MENTOR, OTHER_NEWCOMER, OTHER_MENTOR);
        String coordinator = scene.token(COORDINATOR, COORDINATOR);
        String mentor = scene.token(MENTOR, MENTOR);
        switch (setup) {
            case FRESH_APPROVED_MENTOR -> arrange(
                    post(api(), "/api/v1/mentors/" + scene.mentor() + "/approve", coordinator));
            case FRESH_PAUSED_MENTOR -> {
                arrange(post(api(), "/api/v1/mentors/" + scene.mentor() + "/approve", coordinator));
                arrange(post(api(), "/api/v1/mentors/me/pause", mentor));
            }
            case FRESH_SUSPENDED_MENTOR -> arrange(
                    post(api(), "/api/v1/mentors/" + scene.mentor() + "/suspend", coordinator));
            default -> {}
        }
        return scene;
    }

    private void createProfiles(Scene scene, Caller... callers) {
        for (Caller caller : callers) {
            create(scene.ids.get(caller), caller.role);
        }
    }

    private void create(String personId, String role) {
        String body = role.equals("NEWCOMER")
                ? ProfileFixtures.newcomer(Scene.displayName(personId), Scene.email(personId))
                : ProfileFixtures.mentor(Scene.displayName(personId), Scene.email(personId));
        Response created = api().put("/api/v1/profiles/me", tokens.token(personId, role), body);
        assertThat(created.status())
                .as("setting the scene, %s: %s", personId, created)
                .isEqualTo(201);
    }

    private static void arrange(Response response) {
        assertThat(response.status()).as("setting the scene: %s", response).isEqualTo(200);
    }

    /** A vetting or hiatus call as a client sends it without a reason: no body at all. */
    private static Response post(ApiClient api, String path, String token) {
        return api.send("POST", path, token, null, null);
    }

    private static CloudEventProducer matchingService() {
        return new CloudEventProducer(
                TestInfrastructure.shared().kafkaBootstrapServers(), "/samepath/matching-service");
    }

    private static <T extends DomainEvent> void publish(CloudEventProducer producer, EventType<T> type, T event) {
        producer.sendBytes(
                Topics.MATCHING,
                event.aggregateId(),
                type.type(),
                event.eventId(),
                EventJson.MAPPER.writeValueAsBytes(event));
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }
}
