package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.matching.ProposalWithdrawn;
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
 * Progressive disclosure, learned from matching-service's lifecycle events: a pending proposal lets the mentor see the
 * newcomer's shareable view (only what the newcomer marked MATCH_AND_SHARE, no contact), acceptance adds the contact,
 * and a decline, expiry, withdrawal or the end of the match takes it all away again. The events are sent here as
 * matching-service sends them; their effect is awaited, since consumption is asynchronous.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShareableViewTests {

    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static final String DATABASE = "profile_shareable_view_tests";
    private static final Duration CONSUMPTION = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    /** One newcomer, one mentor and the ids of one request and proposal between them. */
    private record Pair(
            String newcomerId, String newcomerEmail, String mentorId, String requestId, String proposalId) {}

    enum ProposalEnding {
        DECLINED,
        EXPIRED,
        WITHDRAWN
    }

    @Test
    void aProposalShowsTheMentorOnlyWhatTheNewcomerSharesAndNoContact() {
        String body = ProfileFixtures.newcomer("Philippa Sharewell", "placeholder")
                .replace(
                        "{\"tag\": \"mental-health:anxiety\", \"consent\": \"MATCH_ONLY\"}",
                        "{\"tag\": \"mental-health:anxiety\", \"consent\": \"MATCH_ONLY\"},"
                                + " {\"tag\": \"trauma:childhood\", \"consent\": \"PRIVATE\"},"
                                + " {\"tag\": \"substance:opioids\", \"consent\": \"MATCH_AND_SHARE\"}")
                .replace(
                        "[{\"tag\": \"veteran\", \"consent\": \"MATCH_AND_SHARE\"}]",
                        "[{\"tag\": \"veteran\", \"consent\": \"MATCH_AND_SHARE\"},"
                                + " {\"tag\": \"parent\", \"consent\": \"PRIVATE\"},"
                                + " {\"tag\": \"lgbtq\", \"consent\": \"MATCH_ONLY\"}]")
                .replace(
                        "{\"value\": \"secular\", \"consent\": \"MATCH_ONLY\"}",
                        "{\"value\": \"buddhist\", \"consent\": \"MATCH_AND_SHARE\"}")
                .replace("\"conflicts\": []", "\"conflicts\": [\"program:harbor-light\"]");
        assertThat(body).contains("trauma:childhood", "parent", "buddhist", "harbor-light");
        Pair pair = pair(body);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        assertNotFound(api().get(newcomerPath(pair), mentor));

        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));

        Response view = awaitStatus(newcomerPath(pair), mentor, 200);
        JsonNode json = view.json();
        assertThat(json.propertyNames())
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
        assertThat(json.get("id").asString()).isEqualTo(pair.newcomerId());
        assertThat(json.get("role").asString()).isEqualTo("NEWCOMER");
        assertThat(json.get("displayName").asString()).isEqualTo("Philippa Sharewell");
        assertThat(json.get("ageBand").asString()).isEqualTo("25-34");
        assertThat(json.get("livedExperience").toString())
                .isEqualTo("[{\"tag\":\"substance:alcohol\"},{\"tag\":\"substance:opioids\"}]");
        assertThat(json.get("identities").toString()).isEqualTo("[{\"tag\":\"veteran\"}]");
        assertThat(json.get("faith").toString()).isEqualTo("{\"value\":\"buddhist\"}");
        assertThat(json.get("contact").isNull())
                .as("no contact before acceptance: %s", json)
                .isTrue();
        assertThat(view.body())
                .doesNotContain(
                        "mental-health:anxiety",
                        "trauma:childhood",
                        "parent",
                        "lgbtq",
                        "harbor-light",
                        "@example.org",
                        "consent",
                        "MATCH_ONLY",
                        "PRIVATE",
                        "preferences",
                        "emailOptIn");

        String otherMentorId = newPersonId();
        createProfile(otherMentorId, "MENTOR", ProfileFixtures.mentor("Other", otherMentorId + "@example.org"));
        assertNotFound(api().get(newcomerPath(pair), tokens.token(otherMentorId, "MENTOR")));
        Response audit = api().get(newcomerPath(pair) + "/audit", mentor);
        assertThat(audit.status())
                .as("a proposal does not open the audit trail: %s", audit)
                .isEqualTo(403);
    }

    @Test
    void whatIsOnlyForMatchingIsNeverShownSoTheFixtureNewcomerHasNoFaithAndNoAnxietyInTheView() {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");

        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));

        JsonNode json = awaitStatus(newcomerPath(pair), mentor, 200).json();
        assertThat(json.get("faith").isNull()).as(json.toString()).isTrue();
        assertThat(json.get("livedExperience").toString()).isEqualTo("[{\"tag\":\"substance:alcohol\"}]");
        assertThat(json.toString()).doesNotContain("anxiety", "secular", "MATCH_ONLY");
    }

    @Test
    void acceptanceAddsTheContact() {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));
        awaitStatus(newcomerPath(pair), mentor, 200);

        publish(EventCatalog.PROPOSAL_ACCEPTED, accepted(pair, "match-" + UUID.randomUUID()));

        JsonNode json = await().atMost(CONSUMPTION)
                .until(() -> api().get(newcomerPath(pair), mentor).json(), view -> view.path("contact")
                        .hasNonNull("email"));
        assertThat(json.get("contact").toString()).isEqualTo("{\"email\":\"" + pair.newcomerEmail() + "\"}");
        assertThat(json.toString()).doesNotContain("anxiety", "MATCH_ONLY", "emailOptIn", "preferences");
        assertThat(json.propertyNames()).doesNotContain("status", "version", "conflicts", "preferences");
    }

    @ParameterizedTest
    @EnumSource(ProposalEnding.class)
    void aProposalThatEndsWithoutAMatchTakesTheViewAway(ProposalEnding ending) {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));
        awaitStatus(newcomerPath(pair), mentor, 200);

        end(pair, ending);

        assertNotFound(awaitStatus(newcomerPath(pair), mentor, 404));
        assertThat(api().get(newcomerPath(pair), tokens.token(pair.newcomerId(), "NEWCOMER"))
                        .status())
                .as("the newcomer's profile itself is untouched")
                .isEqualTo(200);
    }

    @Test
    void theEndOfAMatchTakesTheViewAway() {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        String matchId = "match-" + UUID.randomUUID();
        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));
        publish(EventCatalog.PROPOSAL_ACCEPTED, accepted(pair, matchId));
        await().atMost(CONSUMPTION)
                .until(() -> api().get(newcomerPath(pair), mentor).json(), view -> view.path("contact")
                        .hasNonNull("email"));

        publish(
                EventCatalog.MATCH_ENDED,
                new MatchEnded(
                        eventId(),
                        pair.requestId(),
                        pair.newcomerId(),
                        matchId,
                        pair.mentorId(),
                        Instant.now(),
                        pair.newcomerId(),
                        "not a good fit",
                        true));

        assertNotFound(awaitStatus(newcomerPath(pair), mentor, 404));
    }

    @Test
    void aRedeliveredProposalIsHarmlessAndOneDeclineStillEndsIt() {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        MentorProposed proposal = proposed(pair);

        publish(EventCatalog.MENTOR_PROPOSED, proposal);
        publish(EventCatalog.MENTOR_PROPOSED, proposal);

        JsonNode view = awaitStatus(newcomerPath(pair), mentor, 200).json();
        assertThat(view.get("contact").isNull()).isTrue();
        end(pair, ProposalEnding.DECLINED);
        assertNotFound(awaitStatus(newcomerPath(pair), mentor, 404));
    }

    @Test
    void closingAnotherProposalLeavesThisOneAlone() {
        Pair pair = pair(null);
        String mentor = tokens.token(pair.mentorId(), "MENTOR");
        publish(EventCatalog.MENTOR_PROPOSED, proposed(pair));
        awaitStatus(newcomerPath(pair), mentor, 200);

        publish(
                EventCatalog.PROPOSAL_DECLINED,
                new ProposalDeclined(
                        eventId(),
                        pair.requestId(),
                        pair.newcomerId(),
                        "pr-some-other-" + UUID.randomUUID(),
                        pair.mentorId(),
                        Instant.now(),
                        "schedule"));
        // A marker on the same key (so the same partition, after the decline): once it is visible, the decline was
        // consumed too.
        Pair marker = pair(null);
        publish(
                EventCatalog.MENTOR_PROPOSED,
                new MentorProposed(
                        eventId(),
                        pair.requestId(),
                        marker.newcomerId(),
                        marker.proposalId(),
                        marker.mentorId(),
                        Instant.now(),
                        70,
                        List.of(),
                        Instant.now().plus(Duration.ofDays(2))));
        awaitStatus(newcomerPath(marker), tokens.token(marker.mentorId(), "MENTOR"), 200);

        assertThat(api().get(newcomerPath(pair), mentor).status()).isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A newcomer (the given body, or the fixture's) and a mentor, both with profiles, and fresh request ids. */
    private Pair pair(String newcomerBody) {
        String newcomerId = newPersonId();
        String email = newcomerId + "@example.org";
        String body = newcomerBody == null
                ? ProfileFixtures.newcomer("Newcomer " + newcomerId, email)
                : newcomerBody.replace("placeholder", email);
        createProfile(newcomerId, "NEWCOMER", body);
        String mentorId = newPersonId();
        createProfile(mentorId, "MENTOR", ProfileFixtures.mentor("Mentor " + mentorId, mentorId + "@example.org"));
        return new Pair(newcomerId, email, mentorId, "r-" + UUID.randomUUID(), "pr-" + UUID.randomUUID());
    }

    private void createProfile(String personId, String role, String body) {
        Response created = api().put("/api/v1/profiles/me", tokens.token(personId, role), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static MentorProposed proposed(Pair pair) {
        Instant now = Instant.now();
        return new MentorProposed(
                eventId(),
                pair.requestId(),
                pair.newcomerId(),
                pair.proposalId(),
                pair.mentorId(),
                now,
                91,
                List.of("both in recovery from alcohol use", "both speak Spanish"),
                now.plus(Duration.ofHours(48)));
    }

    private static ProposalAccepted accepted(Pair pair, String matchId) {
        return new ProposalAccepted(
                eventId(),
                pair.requestId(),
                pair.newcomerId(),
                pair.proposalId(),
                pair.mentorId(),
                Instant.now(),
                matchId);
    }

    private void end(Pair pair, ProposalEnding ending) {
        Instant now = Instant.now();
        switch (ending) {
            case DECLINED -> publish(
                    EventCatalog.PROPOSAL_DECLINED,
                    new ProposalDeclined(
                            eventId(),
                            pair.requestId(),
                            pair.newcomerId(),
                            pair.proposalId(),
                            pair.mentorId(),
                            now,
                            "not enough time right now"));
            case EXPIRED -> publish(
                    EventCatalog.PROPOSAL_EXPIRED,
                    new ProposalExpired(
                            eventId(), pair.requestId(), pair.newcomerId(), pair.proposalId(), pair.mentorId(), now));
            case WITHDRAWN -> publish(
                    EventCatalog.PROPOSAL_WITHDRAWN,
                    new ProposalWithdrawn(
                            eventId(),
                            pair.requestId(),
                            pair.newcomerId(),
                            pair.proposalId(),
                            pair.mentorId(),
                            now,
                            "request withdrawn"));
        }
    }

    private static <T extends DomainEvent> void publish(EventType<T> type, T event) {
        try (CloudEventProducer producer = new CloudEventProducer(
                TestInfrastructure.shared().kafkaBootstrapServers(), "/samepath/matching-service")) {
            producer.sendBytes(
                    Topics.MATCHING,
                    event.aggregateId(),
                    type.type(),
                    event.eventId(),
                    EventJson.MAPPER.writeValueAsBytes(event));
        }
    }

    private Response awaitStatus(String path, String token, int status) {
        return await().atMost(CONSUMPTION).until(() -> api().get(path, token), response -> response.status() == status);
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).doesNotContain("@example.org", "substance:", "veteran");
    }

    private static String newcomerPath(Pair pair) {
        return "/api/v1/profiles/" + pair.newcomerId();
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static String newPersonId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
