package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchPaused;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.MatchRequestWithdrawn;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalReminderDue;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ConsumerGroups;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Duplicate delivery at its worst: after a realistic stretch of life (contact points changing, a whole match journey,
 * a waitlist, alerts, a report, an erasure, someone signing up again, a notification read, every email sent), each
 * topic is replayed from offset 0 into its listener, as an operator resetting the group's offsets would. The whole
 * database is identical afterwards, field for field, and no email is sent twice. Nothing is left out of the
 * comparison: every effect of a notification is keyed by its event, so a replay has nothing to change.
 */
class DuplicateDeliveryTests extends NotificationTestContext {

    private static final ConsumerGroups groups =
            new ConsumerGroups(TestInfrastructure.shared().kafkaBootstrapServers());

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @AfterAll
    static void closeAdmin() {
        groups.close();
    }

    @Test
    void replayingTheMatchingTopicFromTheBeginningChangesNothing() {
        replayChangesNothing("notification-matching");
    }

    @Test
    void replayingTheSafetyTopicFromTheBeginningChangesNothing() {
        replayChangesNothing("notification-safety");
    }

    @Test
    void replayingTheContactPointsTopicFromTheBeginningChangesNothing() {
        replayChangesNothing("notification-contact-points");
    }

    private void replayChangesNothing(String listenerId) {
        String newcomer = aLifeTogether();
        Map<String, List<String>> before = quietDatabase();
        int emailsBefore = smtp.messages().size();
        assertThat(before.toString()).contains(newcomer);

        MessageListenerContainer listener = listeners.getListenerContainer(listenerId);
        long replayed = groups.replayFromBeginning(
                listener.getGroupId(),
                List.of(listener.getContainerProperties().getTopics()),
                listener::stop,
                listener::start,
                Duration.ofSeconds(60));

        assertThat(replayed).isPositive();
        assertThat(DatabaseSnapshot.differences(before, DatabaseSnapshot.of(database())))
                .isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        DatabaseSnapshot.differences(before, DatabaseSnapshot.of(database())))
                .isEmpty());
        assertThat(smtp.messages()).hasSize(emailsBefore);
    }

    /** What happens to a newcomer, a mentor and a few others over weeks; returns the newcomer's id. */
    private String aLifeTogether() {
        String newcomer = newId("n");
        String mentor = newId("m");
        String declining = newId("m");
        String waiting = newId("n");
        String leaving = newId("n");
        String returning = newId("n");
        contactPoint(newcomer, "Nia", newcomer + "@example.org", true);
        contactPoint(mentor, "Marco", mentor + "@example.org", true);
        contactPoint(declining, "Dana", declining + "@example.org", false);
        contactPoint(waiting, "Wes", waiting + "@example.org", true);
        contactPoint(leaving, "Lee", leaving + "@example.org", true);
        contactPoint(returning, "Rae", returning + "@example.org", true);
        deliver(new ContactPointChanged(eventId(), mentor, 2, now(), "Marco R.", mentor + "@new.example.org", true));

        String request = newId("r");
        String match = newId("ma");
        String firstProposal = newId("pr");
        String proposal = newId("pr");
        Instant respondBy = now().plus(Duration.ofHours(72));
        deliverAll(
                new MatchRequestSubmitted(eventId(), request, newcomer, now()),
                new MentorProposed(
                        eventId(), request, newcomer, firstProposal, declining, now(), 70, List.of("x"), respondBy),
                new ProposalDeclined(eventId(), request, newcomer, firstProposal, declining, now(), "NOT_NOW"),
                new MentorProposed(eventId(), request, newcomer, proposal, mentor, now(), 80, List.of("x"), respondBy),
                new ProposalReminderDue(eventId(), request, newcomer, proposal, mentor, now(), respondBy),
                new ProposalAccepted(eventId(), request, newcomer, proposal, mentor, now(), match),
                new MatchPaused(eventId(), request, newcomer, match, mentor, now(), "SYSTEM"),
                new MatchEnded(eventId(), request, newcomer, match, mentor, now(), "NEWCOMER", "PAIR_BLOCKED", true),
                new MatchRequestWaitlisted(eventId(), newId("r"), waiting, now(), List.of("all mentors full")),
                new MatchRequestWithdrawn(eventId(), newId("r"), waiting, now()),
                new MatchRequestSubmitted(eventId(), newId("r"), leaving, now()),
                new MatchRequestSubmitted(eventId(), newId("r"), returning, now()),
                new UrgentSupportRequested(eventId(), newcomer, now()),
                new PersonReported(eventId(), newId("rep"), newcomer, mentor, now(), true));
        eraseContactPoint(leaving);
        eraseContactPoint(returning);
        contactPoint(returning, "Rae", returning + "@back.example.org", true);
        deliver(new MatchRequestSubmitted(eventId(), newId("r"), returning, now()));

        Document someNotification =
                notifications().find(new Document("recipientId", newcomer)).first();
        assertThat(someNotification).isNotNull();
        var read = api().post(
                        "/api/v1/notifications/" + someNotification.getString("_id") + "/read",
                        tokens.token(newcomer, "NEWCOMER"),
                        "");
        assertThat(read.status()).as(read.toString()).isLessThan(300);
        return newcomer;
    }

    /** The database once every email has gone out and nothing has changed for a second. */
    private Map<String, List<String>> quietDatabase() {
        AtomicReference<Map<String, List<String>>> last = new AtomicReference<>(Map.of());
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, List<String>> now = DatabaseSnapshot.of(database());
            boolean quiet = now.equals(last.get())
                    && outgoingEmails()
                                    .countDocuments(
                                            new Document("status", new Document("$in", List.of("PENDING", "SENDING"))))
                            == 0;
            last.set(now);
            return quiet;
        });
        return last.get();
    }
}
