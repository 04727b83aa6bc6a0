package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.profile.ProfileStatus;
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

/** The match journey through matching-service's API, with people arriving as real profile snapshots on Kafka. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"samepath.matching.timer-interval=300ms"})
class MatchJourneyTests {

    static final String DATABASE = "matching_journey_tests";
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
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

    @Test
    void onlyAMentorWhoSatisfiesTheMustIsProposedWithReasonsAndTheCascadeFollowsADecline() {
        String speaksSpanish = PeopleFixtures.newId("mentor-es");
        String speaksEnglish = PeopleFixtures.newId("mentor-en");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(speaksSpanish, 2, ProfileStatus.APPROVED, 2, List.of("es", "en"));
        people.mentor(speaksEnglish, 2, ProfileStatus.APPROVED, 2, List.of("en"));
        people.newcomer(newcomer, List.of("es", "en"), List.of(PeopleFixtures.mustSpeak("es")));
        awaitPeople(speaksSpanish, speaksEnglish, newcomer);

        JsonNode submitted = submit(newcomer);
        assertThat(submitted.get("status").asString()).isEqualTo("PROPOSED");
        String requestId = submitted.get("id").asString();
        JsonNode proposal = request(requestId, newcomer).get("currentProposal");
        assertThat(proposal.get("mentorId").asString()).isEqualTo(speaksSpanish);
        assertThat(proposal.get("reasons").toString()).contains("alcohol").doesNotContain("anxiety");

        Response pending = api().get("/api/v1/proposals", tokens.token(speaksSpanish, "MENTOR"));
        assertThat(pending.json()
                        .get(0)
                        .get("newcomerShares")
                        .get("livedExperience")
                        .toString())
                .contains("substance:alcohol")
                .doesNotContain("anxiety");
        String proposalId = proposal.get("id").asString();
        Response declined = api().post(
                        "/api/v1/proposals/" + proposalId + "/decline",
                        tokens.token(speaksSpanish, "MENTOR"),
                        "{\"reason\":\"I am travelling this month\"}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);

        JsonNode afterDecline = request(requestId, newcomer);
        assertThat(afterDecline.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(afterDecline.get("waitlistReasons").toString()).containsIgnoringCase("spanish");
        assertThat(slotsInUse(speaksSpanish)).isZero();
    }

    @Test
    void acceptingMakesAMatchAndARematchNeverProposesThatMentorAgain() {
        String first = PeopleFixtures.newId("mentor-a");
        String second = PeopleFixtures.newId("mentor-b");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(first, 2, ProfileStatus.APPROVED, 1, List.of("fr"));
        people.mentor(second, 2, ProfileStatus.APPROVED, 1, List.of("fr"));
        people.newcomer(newcomer, List.of("fr"), List.of(PeopleFixtures.mustSpeak("fr")));
        awaitPeople(first, second, newcomer);

        String requestId = submit(newcomer).get("id").asString();
        JsonNode proposal = request(requestId, newcomer).get("currentProposal");
        String proposedMentor = proposal.get("mentorId").asString();
        Response accepted = api().post(
                        "/api/v1/proposals/" + proposal.get("id").asString() + "/accept",
                        tokens.token(proposedMentor, "MENTOR"),
                        "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        JsonNode matched = request(requestId, newcomer);
        assertThat(matched.get("status").asString()).isEqualTo("MATCHED");
        assertThat(slotsInUse(proposedMentor)).isEqualTo(1);
        assertThat(api().post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}")
                        .status())
                .as("one mentor at a time")
                .isEqualTo(409);

        String matchId = matched.get("match").get("id").asString();
        Response ended = api().post(
                        "/api/v1/matches/" + matchId + "/end",
                        tokens.token(newcomer, "NEWCOMER"),
                        "{\"reason\":\"not a good fit\",\"rematch\":true}");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(slotsInUse(proposedMentor)).isZero();

        Response mine = api().get("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"));
        JsonNode rematch = mine.json().get(0);
        assertThat(rematch.get("id").asString()).isNotEqualTo(requestId);
        assertThat(rematch.get("status").asString()).isEqualTo("PROPOSED");
        assertThat(rematch.get("currentProposal").get("mentorId").asString()).isNotEqualTo(proposedMentor);
    }

    @Test
    void aPausedMentorsPendingProposalIsWithdrawnAndTheNewcomerWaitlisted() {
        String mentor = PeopleFixtures.newId("mentor");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of("de"));
        people.newcomer(newcomer, List.of("de"), List.of(PeopleFixtures.mustSpeak("de")));
        awaitPeople(mentor, newcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer).get("status").asString()).isEqualTo("PROPOSED");

        people.mentor(mentor, 3, ProfileStatus.PAUSED, 1, List.of("de"));

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(
                        request(requestId, newcomer).get("status").asString())
                .isEqualTo("WAITLISTED"));
        assertThat(slotsInUse(mentor)).isZero();

        people.mentor(mentor, 4, ProfileStatus.APPROVED, 1, List.of("de"));

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(
                        request(requestId, newcomer).get("status").asString())
                .as("retried when the mentor resumes, but that mentor was already tried for this request")
                .isEqualTo("WAITLISTED"));
    }

    @Test
    void aWaitlistedNewcomerIsProposedAsSoonAsACompatibleMentorIsApproved() {
        String newcomer = PeopleFixtures.newId("newcomer");
        people.newcomer(newcomer, List.of("sw"), List.of(PeopleFixtures.mustSpeak("sw")));
        awaitPeople(newcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer).get("waitlistReasons").toString())
                .containsIgnoringCase("swahili");

        String mentor = PeopleFixtures.newId("mentor-sw");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of("sw"));

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode request = request(requestId, newcomer);
            assertThat(request.get("status").asString()).isEqualTo("PROPOSED");
            assertThat(request.get("currentProposal").get("mentorId").asString())
                    .isEqualTo(mentor);
        });
        Response provenance = api().get(
                        "/api/v1/match-requests/" + requestId + "/provenance", tokens.token("coord-1", "COORDINATOR"));
        assertThat(provenance.json().get("decisions").findValuesAsString("outcome"))
                .containsExactly("WAITLISTED", "PROPOSED");
    }

    @Test
    void aNewcomerSeesOnlyTheirOwnRequestsAndMentorsOnlyTheirOwnProposals() {
        String mentor = PeopleFixtures.newId("mentor");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of("it"));
        people.newcomer(newcomer, List.of("it"), List.of(PeopleFixtures.mustSpeak("it")));
        awaitPeople(mentor, newcomer);
        String requestId = submit(newcomer).get("id").asString();
        String proposalId =
                request(requestId, newcomer).get("currentProposal").get("id").asString();

        assertThat(api().get("/api/v1/match-requests/" + requestId, tokens.token("someone-else", "NEWCOMER"))
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/api/v1/proposals/" + proposalId + "/accept", tokens.token("other-mentor", "MENTOR"), "")
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/api/v1/match-requests", tokens.token(mentor, "MENTOR"), "{}")
                        .status())
                .isEqualTo(403);
        Response withdrawn =
                api().post("/api/v1/match-requests/" + requestId + "/withdraw", tokens.token(newcomer, "NEWCOMER"), "");
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(slotsInUse(mentor)).isZero();
    }

    @Test
    void aReportBlocksThePairTheProposalGoesAndAnActiveMatchIsPaused() {
        String reported = PeopleFixtures.newId("mentor-r");
        String other = PeopleFixtures.newId("mentor-o");
        String newcomer = PeopleFixtures.newId("newcomer");
        people.mentor(reported, 2, ProfileStatus.APPROVED, 1, List.of("el"));
        people.newcomer(newcomer, List.of("el"), List.of(PeopleFixtures.mustSpeak("el")));
        awaitPeople(reported, newcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer)
                        .get("currentProposal")
                        .get("mentorId")
                        .asString())
                .isEqualTo(reported);

        people.report(newcomer, reported);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode request = request(requestId, newcomer);
            assertThat(request.get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(request.get("currentProposal").get("status").asString()).isEqualTo("WITHDRAWN");
        });
        assertThat(slotsInUse(reported)).isZero();
        people.mentor(other, 2, ProfileStatus.APPROVED, 1, List.of("el"));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(request(requestId, newcomer)
                        .get("currentProposal")
                        .get("mentorId")
                        .asString())
                .as("the search goes on, never with the reported mentor")
                .isEqualTo(other));

        String proposalId =
                request(requestId, newcomer).get("currentProposal").get("id").asString();
        api().post("/api/v1/proposals/" + proposalId + "/accept", tokens.token(other, "MENTOR"), "");
        people.report(other, newcomer);
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(
                        request(requestId, newcomer).get("match").get("status").asString())
                .isEqualTo("PAUSED"));
    }

    @Test
    void erasingAMentorReMatchesTheirNewcomersAndErasingANewcomerFreesTheirMentor() {
        String leaving = PeopleFixtures.newId("mentor-l");
        String staying = PeopleFixtures.newId("mentor-s");
        String newcomer = PeopleFixtures.newId("newcomer");
        String secondNewcomer = PeopleFixtures.newId("newcomer");
        people.mentor(leaving, 2, ProfileStatus.APPROVED, 1, List.of("hu"));
        people.newcomer(newcomer, List.of("hu"), List.of(PeopleFixtures.mustSpeak("hu")));
        people.newcomer(secondNewcomer, List.of("hu"), List.of(PeopleFixtures.mustSpeak("hu")));
        awaitPeople(leaving, newcomer, secondNewcomer);
        String requestId = submit(newcomer).get("id").asString();
        assertThat(request(requestId, newcomer)
                        .get("currentProposal")
                        .get("mentorId")
                        .asString())
                .isEqualTo(leaving);
        people.mentor(staying, 2, ProfileStatus.APPROVED, 1, List.of("hu"));
        awaitPeople(staying);

        erase(leaving);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode request = request(requestId, newcomer);
            assertThat(request.get("currentProposal").get("mentorId").asString())
                    .isEqualTo(staying);
            assertThat(request.toString()).doesNotContain(leaving);
        });
        assertThat(mongo.getDatabase(DATABASE)
                        .getCollection("mentor_slots")
                        .find(new Document("_id", leaving))
                        .first())
                .isNull();

        String secondRequest = submit(secondNewcomer).get("id").asString();
        assertThat(request(secondRequest, secondNewcomer).get("status").asString())
                .as("the staying mentor's only slot is held for the first newcomer")
                .isEqualTo("WAITLISTED");
        erase(newcomer);

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(request(secondRequest, secondNewcomer)
                        .at("/currentProposal/mentorId")
                        .asString(""))
                .as("the erased newcomer's mentor is free again and the waiting newcomer gets them")
                .isEqualTo(staying));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(mongo.getDatabase(DATABASE)
                        .getCollection("match_requests")
                        .countDocuments(new Document("newcomerId", newcomer)))
                .isZero());
    }

    @Test
    void aSlotFreedByADeclineGoesToTheLongestWaitingNewcomer() {
        String mentor = PeopleFixtures.newId("mentor");
        String first = PeopleFixtures.newId("newcomer");
        String waiting = PeopleFixtures.newId("newcomer");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 1, List.of("fi"));
        people.newcomer(first, List.of("fi"), List.of(PeopleFixtures.mustSpeak("fi")));
        people.newcomer(waiting, List.of("fi"), List.of(PeopleFixtures.mustSpeak("fi")));
        awaitPeople(mentor, first, waiting);
        String firstRequest = submit(first).get("id").asString();
        String waitingRequest = submit(waiting).get("id").asString();
        assertThat(request(waitingRequest, waiting).get("status").asString()).isEqualTo("WAITLISTED");

        String proposalId =
                request(firstRequest, first).get("currentProposal").get("id").asString();
        api().post(
                        "/api/v1/proposals/" + proposalId + "/decline",
                        tokens.token(mentor, "MENTOR"),
                        "{\"reason\":\"not the right time\"}");

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(request(waitingRequest, waiting)
                        .at("/currentProposal/mentorId")
                        .asString(""))
                .as("the freed slot is offered to the newcomer who was waiting")
                .isEqualTo(mentor));
    }

    void erase(String personId) {
        producer.sendBytes(
                org.samepath.contracts.Topics.PROFILES,
                personId,
                org.samepath.contracts.EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                java.util.UUID.randomUUID().toString(),
                null);
    }

    JsonNode submit(String newcomer) {
        Response response = api().post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    JsonNode request(String requestId, String newcomer) {
        Response response = api().get("/api/v1/match-requests/" + requestId, tokens.token(newcomer, "NEWCOMER"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
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
        // the in-memory pool follows the read model through the same event
    }

    int slotsInUse(String mentorId) {
        Document slots = mongo.getDatabase(DATABASE)
                .getCollection("mentor_slots")
                .find(new Document("_id", mentorId))
                .first();
        return slots == null ? 0 : slots.getList("holds", Document.class).size();
    }
}
