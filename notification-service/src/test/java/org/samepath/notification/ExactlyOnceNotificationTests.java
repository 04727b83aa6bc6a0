package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;

/**
 * Delivery is at least once; notifications and emails are exactly once per event and recipient. The identical
 * record is produced twice and the consumer group is awaited past the copy before anything is counted.
 */
class ExactlyOnceNotificationTests extends NotificationTestContext {

    @Test
    void aRedeliveredEventCreatesNoSecondNotificationAndNoSecondEmail() {
        String newcomer = newId("n");
        String mentor = newId("m");
        contactPoint(newcomer, "Nia", newcomer + "@example.org", true);
        contactPoint(mentor, "Marco", mentor + "@example.org", true);
        String event = eventId();
        ProposalAccepted accepted =
                new ProposalAccepted(event, newId("r"), newcomer, newId("pr"), mentor, now(), newId("ma"));

        RecordMetadata first = sendTwice(accepted);

        assertThat(first.offset()).isNotNegative();
        assertThat(notifications().countDocuments(new Document("eventId", event)))
                .isEqualTo(2);
        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "MATCH_STARTED", mentor, "MATCH_STARTED"));
        List<String> emailIds = List.of(event + ".to." + newcomer, event + ".to." + mentor);
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(outgoingEmails()
                        .find(new Document("_id", new Document("$in", emailIds)))
                        .map(email -> email.getString("status"))
                        .into(new java.util.ArrayList<>()))
                .containsExactly("SENT", "SENT"));
        List<CaughtMessage> caught = smtp.messages().stream()
                .filter(message ->
                        emailIds.stream().anyMatch(id -> message.messageId().contains(id)))
                .toList();
        assertThat(caught).hasSize(2);
        assertThat(caught).extracting(CaughtMessage::messageId).doesNotHaveDuplicates();
    }

    @Test
    void aRedeliveredCoordinatorAlertIsStoredOnceForTheWholeRole() {
        String newcomer = newId("n");
        String event = eventId();

        sendTwice(new MatchRequestWaitlisted(event, newId("r"), newcomer, now(), List.of("all mentors full")));

        assertThat(notifications().countDocuments(new Document("eventId", event)))
                .isEqualTo(2);
        assertThat(typesByAddressee(event))
                .isEqualTo(Map.of(newcomer, "STILL_LOOKING", "COORDINATORS", "WAITLIST_ALERT"));
        assertThat(outgoingEmails().countDocuments(new Document("notificationId", event + ".to-coordinators")))
                .isEqualTo(1);
    }

    /** Sends the identical record (same id, key, headers and bytes) twice; returns once both are consumed. */
    private RecordMetadata sendTwice(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        RecordMetadata first = producer().send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        RecordMetadata copy = producer().send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        assertThat(copy.partition()).isEqualTo(first.partition());
        assertThat(copy.offset()).isGreaterThan(first.offset());
        awaitConsumed(copy);
        return first;
    }
}
