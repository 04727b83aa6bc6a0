package org.samepath.localstack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;
import org.samepath.localstack.RunningStack;
import org.samepath.localstack.faults.FaultStack.Cast;
import org.samepath.localstack.faults.MatchLoad.Journey;
import tools.jackson.databind.JsonNode;

/**
 * What "nothing lost, nothing twice" means after a fault, checked where each effect lives: every newcomer has exactly
 * one request, matched, with exactly one proposal, its events all published, their lock and their mentor's slots in
 * agreement; every person concerned has exactly one notification per step, in the order the steps happened, and
 * exactly one email for each (recognised by its Message-ID), and it stays that way.
 */
final class ExactlyOnceChecks {

    static final Duration DELIVERY = Duration.ofMinutes(2);
    private static final Duration SETTLED = Duration.ofSeconds(5);
    /** Each look reads every inbox and every caught email: once a second is often enough. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final FaultStack system;

    ExactlyOnceChecks(FaultStack system) {
        this.system = system;
    }

    /** All of the below. */
    void assertEverythingHappenedExactlyOnce(Cast cast, List<Journey> journeys) {
        assertThat(journeys).extracting(Journey::newcomerId).containsExactlyInAnyOrderElementsOf(cast.newcomers());
        awaitRequestsMatchedOnce(journeys);
        awaitLocksAndSlotsAgree(cast, journeys);
        awaitEveryoneToldOnceInOrder(cast, journeys);
        awaitOneEmailPerNotification(cast);
        Effects settled = effects(cast);
        await("nothing more arrives")
                .during(SETTLED)
                .atMost(SETTLED.multipliedBy(4))
                .pollInterval(LOOK_EVERY)
                .until(() -> effects(cast), settled::equals);
        assertRequestsMatchedOnce(journeys);
        assertEveryoneToldOnceInOrder(cast, journeys);
        assertOneEmailPerNotification(cast);
    }

    /** How many of each effect the cast has: a late duplicate would change one of them. */
    private record Effects(long requests, long notifications, long emailsQueued, long emailsCaught) {}

    private Effects effects(Cast cast) {
        List<String> everyone = new ArrayList<>(cast.mentors());
        everyone.addAll(cast.newcomers());
        Document newcomers = new Document("newcomerId", new Document("$in", cast.newcomers()));
        Document toEveryone = new Document("recipientId", new Document("$in", everyone));
        var notifications = system.database(FaultStack.NOTIFICATION_DATABASE);
        List<String> addresses = everyone.stream().map(Cast::email).toList();
        return new Effects(
                system.database(FaultStack.MATCHING_DATABASE)
                        .getCollection("match_requests")
                        .countDocuments(newcomers),
                notifications.getCollection("notifications").countDocuments(toEveryone),
                notifications.getCollection("outgoing_emails").countDocuments(toEveryone),
                system.stack().smtp().messages().stream()
                        .filter(message -> message.recipients().stream().anyMatch(addresses::contains))
                        .count());
    }

    void awaitRequestsMatchedOnce(List<Journey> journeys) {
        await("requests matched once, outboxes drained")
                .atMost(DELIVERY)
                .pollInterval(LOOK_EVERY)
                .untilAsserted(() -> assertRequestsMatchedOnce(journeys));
    }

    private void assertRequestsMatchedOnce(List<Journey> journeys) {
        var requests = system.database(FaultStack.MATCHING_DATABASE).getCollection("match_requests");
        for (Journey journey : journeys) {
            List<Document> own = requests.find(new Document("newcomerId", journey.newcomerId()))
                    .into(new ArrayList<>());
            assertThat(own).as("requests of %s", journey.newcomerId()).hasSize(1);
            Document request = own.get(0);
            assertThat(request.getString("_id")).isEqualTo(journey.requestId());
            assertThat(request.getString("status")).isEqualTo("MATCHED");
            assertThat(request.getList("proposals", Document.class))
                    .as("proposals of %s", journey.requestId())
                    .extracting(proposal -> proposal.getString("id") + " " + proposal.getString("status"))
                    .containsExactly(journey.proposalId() + " ACCEPTED");
            assertThat(request.getList("outbox", Document.class, List.of()))
                    .as("events of %s not yet published", journey.requestId())
                    .isEmpty();
        }
    }

    /** Each newcomer's lock names their match; each mentor's slots are held by exactly their proposals. */
    void awaitLocksAndSlotsAgree(Cast cast, List<Journey> journeys) {
        var locks = system.database(FaultStack.MATCHING_DATABASE).getCollection("newcomers");
        var slots = system.database(FaultStack.MATCHING_DATABASE).getCollection("mentor_slots");
        await("newcomer locks and mentor slots agree with the requests")
                .atMost(DELIVERY)
                .pollInterval(LOOK_EVERY)
                .untilAsserted(() -> {
                    for (Journey journey : journeys) {
                        Document lock = locks.find(new Document("_id", journey.newcomerId()))
                                .first();
                        assertThat(lock).as("lock of %s", journey.newcomerId()).isNotNull();
                        assertThat(lock.getString("openRequestId"))
                                .as("open request of matched %s", journey.newcomerId())
                                .isNull();
                        assertThat(lock.getString("activeMatchId"))
                                .as("active match of %s", journey.newcomerId())
                                .isEqualTo(journey.matchId());
                    }
                    for (String mentor : cast.mentors()) {
                        Document slot = slots.find(new Document("_id", mentor)).first();
                        List<String> proposals = journeys.stream()
                                .filter(journey -> journey.mentorId().equals(mentor))
                                .map(Journey::proposalId)
                                .toList();
                        assertThat(slot.getList("holds", Document.class))
                                .as("slots of %s", mentor)
                                .extracting(hold -> hold.getString("id"))
                                .containsExactlyInAnyOrderElementsOf(proposals);
                        assertThat(slot.getInteger("free")).isEqualTo(FaultStack.MENTOR_CAPACITY - proposals.size());
                    }
                });
    }

    void awaitEveryoneToldOnceInOrder(Cast cast, List<Journey> journeys) {
        await("every inbox complete")
                .atMost(DELIVERY)
                .pollInterval(LOOK_EVERY)
                .untilAsserted(() -> assertEveryoneToldOnceInOrder(cast, journeys));
    }

    /**
     * Newcomer: request received, mentor proposed, match started, newest first as the inbox shows them. Mentor: for
     * each of their proposals, proposal received and then match started. Nothing else.
     */
    private void assertEveryoneToldOnceInOrder(Cast cast, List<Journey> journeys) {
        for (Journey journey : journeys) {
            assertThat(inbox(journey.newcomerId(), "NEWCOMER"))
                    .as("inbox of %s, newest first", journey.newcomerId())
                    .extracting(ExactlyOnceChecks::step)
                    .containsExactly(
                            "MATCH_STARTED " + journey.matchId(),
                            "MENTOR_PROPOSED " + journey.proposalId(),
                            "REQUEST_RECEIVED " + journey.requestId());
        }
        for (String mentor : cast.mentors()) {
            List<String> inbox = inbox(mentor, "MENTOR").stream()
                    .map(ExactlyOnceChecks::step)
                    .toList();
            List<String> expected = new ArrayList<>();
            for (Journey journey : journeys) {
                if (journey.mentorId().equals(mentor)) {
                    expected.add("PROPOSAL_RECEIVED " + journey.proposalId());
                    expected.add("MATCH_STARTED " + journey.matchId());
                    assertThat(inbox.indexOf("MATCH_STARTED " + journey.matchId()))
                            .as("inbox of %s, newest first: the match after its proposal", mentor)
                            .isLessThan(inbox.indexOf("PROPOSAL_RECEIVED " + journey.proposalId()));
                }
            }
            assertThat(inbox).as("inbox of %s", mentor).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A notification as "TYPE id-of-what-it-is-about". */
    private static String step(JsonNode notification) {
        String type = notification.get("type").asString();
        String about =
                switch (type) {
                    case "REQUEST_RECEIVED" -> "requestId";
                    case "MENTOR_PROPOSED", "PROPOSAL_RECEIVED" -> "proposalId";
                    default -> "matchId";
                };
        JsonNode id = notification.get(about);
        return type + " " + (id == null ? "?" : id.asString());
    }

    private List<JsonNode> inbox(String personId, String role) {
        var page = system.api(RunningStack.NOTIFICATION)
                .get("/api/v1/notifications?size=100", system.token(personId, role));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    void awaitOneEmailPerNotification(Cast cast) {
        await("one email per notification")
                .atMost(DELIVERY)
                .pollInterval(LOOK_EVERY)
                .untilAsserted(() -> assertOneEmailPerNotification(cast));
    }

    /** Each notification of each person was emailed to them exactly once (its Message-ID names it), nothing else. */
    private void assertOneEmailPerNotification(Cast cast) {
        List<CaughtMessage> caught = system.stack().smtp().messages();
        Map<String, Long> copiesByMessageId =
                caught.stream().collect(Collectors.groupingBy(CaughtMessage::messageId, Collectors.counting()));
        Map<String, List<String>> messageIdsByRecipient = new HashMap<>();
        for (CaughtMessage message : caught) {
            for (String recipient : message.recipients()) {
                messageIdsByRecipient
                        .computeIfAbsent(recipient, key -> new ArrayList<>())
                        .add(message.messageId());
            }
        }
        Map<String, String> roles = new HashMap<>();
        cast.mentors().forEach(mentor -> roles.put(mentor, "MENTOR"));
        cast.newcomers().forEach(newcomer -> roles.put(newcomer, "NEWCOMER"));
        roles.forEach((person, role) -> {
            List<String> expected = inbox(person, role).stream()
                    .map(notification -> "<" + notification.get("id").asString() + "@notifications.samepath>")
                    .toList();
            assertThat(messageIdsByRecipient.getOrDefault(Cast.email(person), List.of()))
                    .as("emails to %s", Cast.email(person))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected.stream().collect(Collectors.toMap(Function.identity(), copiesByMessageId::get)))
                    .as("copies of each email to %s", person)
                    .allSatisfy((messageId, copies) -> assertThat(copies).isEqualTo(1L));
        });
    }
}
