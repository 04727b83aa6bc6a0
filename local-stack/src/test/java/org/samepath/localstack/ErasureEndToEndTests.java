package org.samepath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.samepath.localstack.StackTestSupport.MATCHING_DATABASE;
import static org.samepath.localstack.StackTestSupport.NOTIFICATION_DATABASE;
import static org.samepath.localstack.StackTestSupport.PROFILE_DATABASE;
import static org.samepath.localstack.StackTestSupport.awaitDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.DatabaseScan;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TopicProbe;

/**
 * Erasure across the real system: two people who were proposed to each other delete their profiles, and within
 * seconds no document in any collection of any service's database mentions their id, name or email, while a third
 * person's data is untouched. The collections are listed at scan time, so a copy a service keeps somewhere new is
 * found too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureEndToEndTests {

    private static final Duration ERASURE = Duration.ofSeconds(30);
    private static final List<String> DATABASES = List.of(PROFILE_DATABASE, MATCHING_DATABASE, NOTIFICATION_DATABASE);

    private StackTestSupport system;

    @BeforeAll
    void startTheWholeSystem() {
        system = StackTestSupport.start(TestInfrastructure.shared());
    }

    @AfterAll
    void stopTheWholeSystem() {
        if (system != null) {
            system.close();
        }
    }

    /** Someone with a profile: their id, distinctive name and email. */
    private record Person(String id, String role, String displayName, String email) {
        String[] traces() {
            return new String[] {id, displayName, email};
        }
    }

    @Test
    void erasureRemovesBothPeopleFromEveryServiceAndNobodyElse() {
        Person mentor = create("MENTOR", "Ottoline Erasewright");
        Person newcomer = create("NEWCOMER", "Bartholomew Forgetsby");
        Person bystander = create("NEWCOMER", "Theodora Remainsworth");
        for (Person person : List.of(mentor, newcomer, bystander)) {
            awaitDocument(system.people(), person.id());
            awaitDocument(system.contactPoints(), person.id());
        }
        Response approved = api().send(
                        "POST",
                        "/api/v1/mentors/" + mentor.id() + "/approve",
                        system.token("c-" + StackTestSupport.newPersonId(), "COORDINATOR"),
                        null,
                        null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        propose(mentor, newcomer);
        String mentorToken = system.token(mentor.id(), "MENTOR");
        await().atMost(StackTestSupport.PROPAGATION)
                .untilAsserted(() -> assertThat(api().get("/api/v1/profiles/" + newcomer.id(), mentorToken)
                                .status())
                        .isEqualTo(200));
        for (Person person : List.of(mentor, newcomer, bystander)) {
            assertTracesInEveryDatabase(person);
        }

        for (Person person : List.of(mentor, newcomer)) {
            Response erased = api().delete("/api/v1/profiles/me", system.token(person.id(), person.role()));
            assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        }

        String[] needles = traces(mentor, newcomer);
        await().atMost(ERASURE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                        DatabaseScan.documentsMentioning(system.mongo(), DATABASES, needles))
                .as("documents still mentioning the erased people")
                .isEmpty());
        assertTombstones(mentor, newcomer);
        for (Person person : List.of(mentor, newcomer)) {
            Response gone = api().get("/api/v1/profiles/me", system.token(person.id(), person.role()));
            assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        }

        assertThat(system.people().find(new Document("_id", bystander.id())).first())
                .as("the bystander is still matchable")
                .isNotNull();
        assertThat(system.contactPoints()
                        .find(new Document("_id", bystander.id()))
                        .first()
                        .getString("email"))
                .isEqualTo(bystander.email());
        Response own = api().get("/api/v1/profiles/me", system.token(bystander.id(), "NEWCOMER"));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("displayName").asString()).isEqualTo(bystander.displayName());
        assertTracesInEveryDatabase(bystander);
    }

    @Test
    void matchingEventsThatArriveAfterAnErasureBringNobodyBack() {
        Person mentor = create("MENTOR", "Latimer Afterwards");
        Person newcomer = create("NEWCOMER", "Lavinia Belatedly");
        Person stayingMentor = create("MENTOR", "Stanislaw Stays");
        Person stayingNewcomer = create("NEWCOMER", "Stella Stays");
        for (Person person : List.of(mentor, newcomer, stayingMentor, stayingNewcomer)) {
            awaitDocument(system.people(), person.id());
            awaitDocument(system.contactPoints(), person.id());
        }
        for (Person person : List.of(mentor, newcomer)) {
            Response erased = api().delete("/api/v1/profiles/me", system.token(person.id(), person.role()));
            assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        }
        String[] needles = traces(mentor, newcomer);
        await().atMost(ERASURE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                        DatabaseScan.documentsMentioning(system.mongo(), DATABASES, needles))
                .isEmpty());

        // Proposals matching made just before the erasure (or a redelivery of them) reach the consumers afterwards;
        // a last proposal between two people who stay, on the same key and so after them, marks when they have.
        String requestId = "r-" + UUID.randomUUID();
        propose(requestId, "pr-" + UUID.randomUUID(), mentor, newcomer);
        propose(requestId, "pr-" + UUID.randomUUID(), stayingMentor, newcomer);
        propose(requestId, "pr-" + UUID.randomUUID(), mentor, stayingNewcomer);
        String markerProposal = "pr-" + UUID.randomUUID();
        propose(requestId, markerProposal, stayingMentor, stayingNewcomer);
        String stayingMentorToken = system.token(stayingMentor.id(), "MENTOR");
        await().atMost(StackTestSupport.PROPAGATION).untilAsserted(() -> assertThat(
                        api().get("/api/v1/profiles/" + stayingNewcomer.id(), stayingMentorToken)
                                .status())
                .as("profile-service consumed the marker")
                .isEqualTo(200));
        await().atMost(StackTestSupport.PROPAGATION)
                .untilAsserted(() -> assertThat(system.api(RunningStack.NOTIFICATION)
                                .get("/api/v1/notifications", stayingMentorToken)
                                .body())
                        .as("notification-service consumed the marker")
                        .contains(markerProposal));

        assertThat(DatabaseScan.documentsMentioning(system.mongo(), DATABASES, needles))
                .as("documents mentioning the erased people after late matching events")
                .isEmpty();
    }

    private Person create(String role, String displayName) {
        String id = StackTestSupport.newPersonId();
        String email = id + "@erasure-e2e.example.org";
        String body = role.equals("MENTOR")
                ? ProfileFixtures.mentor(displayName, email)
                : ProfileFixtures.newcomer(displayName, email);
        Response created = system.putProfile(id, role, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Person(id, role, displayName, email);
    }

    /** A pending proposal, announced on the matching topic as matching-service announces one. */
    private void propose(Person mentor, Person newcomer) {
        propose("r-" + UUID.randomUUID(), "pr-" + UUID.randomUUID(), mentor, newcomer);
    }

    private void propose(String requestId, String proposalId, Person mentor, Person newcomer) {
        Instant now = Instant.now();
        MentorProposed proposal = new MentorProposed(
                UUID.randomUUID().toString(),
                requestId,
                newcomer.id(),
                proposalId,
                mentor.id(),
                now,
                90,
                List.of("both in recovery from alcohol use"),
                now.plus(Duration.ofHours(48)));
        try (CloudEventProducer producer =
                new CloudEventProducer(system.stack().kafkaBootstrap(), "/samepath/matching-service")) {
            producer.send(
                    Topics.MATCHING,
                    proposal.requestId(),
                    EventCatalog.MENTOR_PROPOSED.type(),
                    proposal.eventId(),
                    proposal);
        }
    }

    /** The scan must be able to find what it later claims is gone: each person is in each service's database. */
    private void assertTracesInEveryDatabase(Person person) {
        for (String database : DATABASES) {
            assertThat(DatabaseScan.documentsMentioning(system.mongo(), List.of(database), person.traces()))
                    .as("%s in %s", person.displayName(), database)
                    .isNotEmpty();
        }
    }

    private void assertTombstones(Person... people) {
        for (String topic : List.of(Topics.PROFILES, Topics.CONTACT_POINTS)) {
            try (TopicProbe probe = new TopicProbe(system.stack().kafkaBootstrap(), topic)) {
                for (Person person : people) {
                    probe.await(record -> person.id().equals(record.key()) && record.value() == null, ERASURE);
                }
            }
        }
    }

    private static String[] traces(Person... people) {
        List<String> traces = new ArrayList<>();
        for (Person person : people) {
            traces.addAll(List.of(person.traces()));
        }
        return traces.toArray(String[]::new);
    }

    private ApiClient api() {
        return system.api(RunningStack.PROFILE);
    }
}
