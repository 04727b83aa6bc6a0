package org.samepath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.samepath.localstack.StackTestSupport.PROPAGATION;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The match journey across the real system: profiles through profile-service, vetting by a coordinator, a request
 * with a MUST language, a decline and the cascade, an acceptance that reaches both inboxes and the SMTP catcher
 * without a word about recovery, and a "not a good fit" rematch that never proposes that mentor again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchJourneyEndToEndTests {

    private static final List<String> RECOVERY_WORDS = List.of(
            "alcohol",
            "opioid",
            "substance",
            "recovery",
            "anxiety",
            "depression",
            "ptsd",
            "trauma",
            "twelve",
            "pathway",
            "relapse",
            "veteran",
            "sober");

    private StackTestSupport system;

    @BeforeAll
    void start() {
        system = StackTestSupport.start(TestInfrastructure.shared());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aNewcomerIsMatchedThroughTheCascadeAndEveryoneConcernedIsTold() throws Exception {
        String spanishFirst = StackTestSupport.newPersonId();
        String spanishSecond = StackTestSupport.newPersonId();
        String englishOnly = StackTestSupport.newPersonId();
        String newcomer = StackTestSupport.newPersonId();
        createApprovedMentor(spanishFirst, ProfileFixtures.mentor("Sol", spanishFirst + "@example.org"));
        createApprovedMentor(spanishSecond, ProfileFixtures.mentor("Santi", spanishSecond + "@example.org"));
        createApprovedMentor(
                englishOnly,
                ProfileFixtures.mentor("Eddie", englishOnly + "@example.org").replace("[\"en\", \"es\"]", "[\"en\"]"));
        assertThat(system.putProfile(newcomer, "NEWCOMER", ProfileFixtures.newcomer("Nora", newcomer + "@example.org"))
                        .status())
                .isEqualTo(201);
        StackTestSupport.awaitDocument(system.people(), newcomer);
        StackTestSupport.awaitDocument(system.contactPoints(), newcomer);

        ApiClient matching = system.api(RunningStack.MATCHING);
        String newcomerToken = system.token(newcomer, "NEWCOMER");
        Response submitted = matching.post("/api/v1/match-requests", newcomerToken, "{}");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String requestId = submitted.json().get("id").asString();
        JsonNode firstProposal = request(requestId, newcomerToken).get("currentProposal");
        String firstMentor = firstProposal.get("mentorId").asString();
        assertThat(firstMentor).isIn(spanishFirst, spanishSecond);
        assertThat(firstProposal.get("reasons").toString()).contains("Spanish").doesNotContain("anxiety");

        Response declined = matching.post(
                "/api/v1/proposals/" + firstProposal.get("id").asString() + "/decline",
                system.token(firstMentor, "MENTOR"),
                "{\"reason\":\"I am away this month\"}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        JsonNode secondProposal = request(requestId, newcomerToken).get("currentProposal");
        String secondMentor = secondProposal.get("mentorId").asString();
        assertThat(secondMentor).isIn(spanishFirst, spanishSecond).isNotEqualTo(firstMentor);

        Response accepted = matching.post(
                "/api/v1/proposals/" + secondProposal.get("id").asString() + "/accept",
                system.token(secondMentor, "MENTOR"),
                "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        JsonNode matched = request(requestId, newcomerToken);
        assertThat(matched.get("status").asString()).isEqualTo("MATCHED");

        awaitNotification(newcomer, secondMentor + "@example.org");
        awaitNotification(secondMentor, newcomer + "@example.org");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(emailsTo(newcomer + "@example.org")).isNotEmpty();
            assertThat(emailsTo(secondMentor + "@example.org")).isNotEmpty();
        });
        for (MimeMessage email : system.stack().smtp().receivedMessages()) {
            String text = (email.getSubject() + " " + email.getContent()).toLowerCase(Locale.ROOT);
            assertThat(text).doesNotContain(RECOVERY_WORDS.toArray(String[]::new));
        }
        assertThat(emailsTo(englishOnly + "@example.org"))
                .as("never proposed, never told")
                .isEmpty();

        Response ended = matching.post(
                "/api/v1/matches/" + matched.get("match").get("id").asString() + "/end",
                newcomerToken,
                "{\"reason\":\"not a good fit\",\"rematch\":true}");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        JsonNode rematch =
                matching.get("/api/v1/match-requests", newcomerToken).json().get(0);
        assertThat(rematch.get("id").asString()).isNotEqualTo(requestId);
        assertThat(rematch.get("status").asString())
                .as("the first mentor is cooling down after declining, the second ended: nobody else speaks Spanish")
                .isEqualTo("WAITLISTED");
        assertThat(rematch.get("waitlistReasons").toString()).isNotEmpty();
        Response provenance = matching.get(
                "/api/v1/match-requests/" + rematch.get("id").asString() + "/provenance",
                system.token("coordinator-1", "COORDINATOR"));
        assertThat(provenance.body()).doesNotContain("\"mentorId\":\"" + secondMentor + "\"");
    }

    private void createApprovedMentor(String mentorId, String profile) {
        assertThat(system.putProfile(mentorId, "MENTOR", profile).status()).isEqualTo(201);
        Response approved = system.api(RunningStack.PROFILE)
                .post("/api/v1/mentors/" + mentorId + "/approve", system.token("coordinator-1", "COORDINATOR"), "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            org.bson.Document mentor =
                    system.people().find(new org.bson.Document("_id", mentorId)).first();
            assertThat(mentor).as("in matching's read model").isNotNull();
            assertThat(mentor.getString("status")).isEqualTo("APPROVED");
        });
        StackTestSupport.awaitDocument(system.contactPoints(), mentorId);
    }

    private JsonNode request(String requestId, String token) {
        return system.api(RunningStack.MATCHING)
                .get("/api/v1/match-requests/" + requestId, token)
                .json();
    }

    private void awaitNotification(String personId, String expectedText) {
        String token = system.token(personId, roleOf(personId));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(system.api(RunningStack.NOTIFICATION)
                        .get("/api/v1/notifications", token)
                        .body())
                .contains(expectedText));
    }

    private String roleOf(String personId) {
        return system.people()
                .find(new org.bson.Document("_id", personId))
                .first()
                .getString("role");
    }

    private List<MimeMessage> emailsTo(String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        for (MimeMessage message : system.stack().smtp().receivedMessages()) {
            for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                if (recipient.toString().contains(address)) {
                    to.add(message);
                }
            }
        }
        return to;
    }
}
