package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MentorProposed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The matching topic is consumed a poll at a time: twenty proposals waiting on one partition are announced with one
 * insert of their forty notifications, one read of the erasure marks before and one after, one read of the contact
 * points, where one at a time took forty inserts and as many reads. Counted from the MongoDB driver's command
 * metrics, not timed.
 */
class BatchAnnouncementTests extends NotificationTestContext {

    private static final int PROPOSALS = 20;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void twentyProposalsInOnePollAreStoredWithOneInsertOfTheirNotifications() {
        MessageListenerContainer container = listeners.getListenerContainer("notification-matching");
        String request = newId("r");
        String newcomer = newId("n");
        List<MentorProposed> proposals = new ArrayList<>();
        for (int i = 0; i < PROPOSALS; i++) {
            proposals.add(proposal(eventId(), request, newcomer));
        }
        double insertsBefore = commands("insert", "notifications");
        double erasureReadsBefore = commands("find", "erasures");
        double contactReadsBefore = commands("find", "contact_points");

        container.stop();
        List<RecordMetadata> sent = new ArrayList<>();
        for (MentorProposed proposal : proposals) {
            // One key (the request), so one partition, read by one consumer in one poll once it starts again.
            sent.add(producer()
                    .send(
                            EventCatalog.MENTOR_PROPOSED.topic(),
                            request,
                            EventCatalog.MENTOR_PROPOSED.type(),
                            proposal.eventId(),
                            proposal));
        }
        container.start();
        sent.forEach(this::awaitConsumed);

        for (MentorProposed proposal : proposals) {
            assertThat(notifications().countDocuments(new Document("eventId", proposal.eventId())))
                    .as("the mentor's and the newcomer's notification of %s", proposal.eventId())
                    .isEqualTo(2);
        }
        assertThat(commands("insert", "notifications") - insertsBefore).isEqualTo(1);
        assertThat(commands("find", "erasures") - erasureReadsBefore).isEqualTo(2);
        assertThat(commands("find", "contact_points") - contactReadsBefore).isEqualTo(1);
    }

    @Test
    void aReadersNotificationsFromOnePollKeepTheOrderOfTheirEventsInTheInbox() {
        MessageListenerContainer container = listeners.getListenerContainer("notification-matching");
        String request = newId("r");
        String newcomer = newId("n");
        // Ids that sort against the order of the events, so a shared creation time would show the wrong order.
        MatchRequestSubmitted submitted = new MatchRequestSubmitted("z-" + eventId(), request, newcomer, now());
        MentorProposed proposed = proposal("a-" + eventId(), request, newcomer);

        container.stop();
        RecordMetadata first = send(request, EventCatalog.MATCH_REQUEST_SUBMITTED, submitted);
        RecordMetadata second = send(request, EventCatalog.MENTOR_PROPOSED, proposed);
        container.start();
        awaitConsumed(first);
        awaitConsumed(second);

        // Newest first, exactly as the inbox lists them.
        List<String> inbox = notifications()
                .find(new Document("recipientId", newcomer))
                .sort(new Document("createdAt", -1).append("_id", -1))
                .map(notification -> notification.getString("type"))
                .into(new ArrayList<>());
        assertThat(inbox).containsExactly("MENTOR_PROPOSED", "REQUEST_RECEIVED");
    }

    /** A proposal of a new mentor to this newcomer for this request, answerable for an hour. */
    private static MentorProposed proposal(String eventId, String request, String newcomer) {
        return new MentorProposed(
                eventId, request, newcomer, newId("pr"), newId("m"), now(), 50, List.of(), now().plusSeconds(3600));
    }

    private static RecordMetadata send(String key, EventType<?> type, DomainEvent event) {
        return producer().send(type.topic(), key, type.type(), event.eventId(), event);
    }

    /** How many commands of this kind on this collection the service's MongoDB client has run so far. */
    private double commands(String command, String collection) {
        return meters
                .find("mongodb.driver.commands")
                .tag("command", command)
                .tag("collection", collection)
                .timers()
                .stream()
                .mapToDouble(Timer::count)
                .sum();
    }
}
