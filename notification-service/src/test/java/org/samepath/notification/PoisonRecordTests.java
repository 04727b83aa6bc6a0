package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.platform.events.EventJson;
import org.samepath.testsupport.ConsumerGroups;
import org.samepath.testsupport.PoisonRecords;
import org.samepath.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * 100 poison records of every kind mixed with good events into each topic notification-service consumes: every
 * poison record is dead-lettered to {@code <topic>.dlt} with its original bytes and headers, every good event takes
 * effect, and a good event sent after all the poison is processed promptly (no consumer is stuck). An unknown
 * {@code ce_type} is dead-lettered too, not skipped: a consumer that does not know a type cannot tell a harmless
 * addition from an event it must act on, and the dead-letter topic keeps it for replay once the consumer knows it.
 */
class PoisonRecordTests extends NotificationTestContext {

    private static final int POISON = 100;
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    private static final ConsumerGroups groups = new ConsumerGroups(bootstrap());

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @AfterAll
    static void closeAdmin() {
        groups.close();
    }

    @Test
    void poisonOnTheMatchingTopicIsDeadLetteredAndEveryGoodEventIsAnnounced() {
        mixPoisonWithGoodEvents(
                "notification-matching",
                EventCatalog.URGENT_SUPPORT_REQUESTED.type(),
                i -> new MatchRequestWaitlisted(eventId(), newId("r"), newId("n"), now(), List.of("all mentors full")),
                event -> notification(event.eventId(), ((MatchRequestWaitlisted) event).newcomerId()) != null
                        && coordinatorAlert(event.eventId()) != null);
    }

    @Test
    void poisonOnTheSafetyTopicIsDeadLetteredAndEveryGoodAlertReachesCoordinators() {
        mixPoisonWithGoodEvents(
                "notification-safety",
                EventCatalog.MENTOR_PROPOSED.type(),
                i -> new UrgentSupportRequested(eventId(), newId("n"), now()),
                event -> coordinatorAlert(event.eventId()) != null);
    }

    @Test
    void poisonOnTheContactPointsTopicIsDeadLetteredAndEveryGoodContactPointIsStored() {
        mixPoisonWithGoodEvents(
                "notification-contact-points",
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                i -> {
                    String person = newId("p");
                    return new ContactPointChanged(
                            eventId(), person, 1, now(), "Pat " + i, person + "@example.org", i % 2 == 0);
                },
                event -> database()
                                .getCollection("contact_points")
                                .find(new Document("_id", event.aggregateId()))
                                .first()
                        != null);
    }

    /**
     * Sends 100 poison records with a good event after every fourth, then one more good event, and checks the good
     * ones took effect (the last promptly), the poison is all in the dead-letter topic and the listener has no lag.
     */
    private void mixPoisonWithGoodEvents(
            String listenerId,
            String misplacedCeType,
            Function<Integer, DomainEvent> goodEvent,
            Predicate<DomainEvent> tookEffect) {
        String group = listeners.getListenerContainer(listenerId).getGroupId();
        DomainEvent sample = goodEvent.apply(-1);
        EventType<?> type = EventCatalog.of(sample.getClass());
        List<DomainEvent> good = new ArrayList<>();
        try (PoisonRecords poison = new PoisonRecords(
                bootstrap(), type.topic(), type.type(), EventJson.MAPPER.writeValueAsBytes(sample), misplacedCeType)) {
            for (int i = 0; i < POISON; i++) {
                poison.sendNext();
                if (i % 4 == 3) {
                    good.add(send(goodEvent.apply(i)));
                }
            }
            DomainEvent afterThePoison = send(goodEvent.apply(POISON));
            await().atMost(PROMPTLY).until(() -> tookEffect.test(afterThePoison));

            assertThat(good).hasSize(POISON / 4).allMatch(tookEffect);
            poison.assertAllDeadLettered(bootstrap(), group, PROPAGATION);
            assertThat(poison.sent())
                    .extracting(PoisonRecords.Sent::kind)
                    .containsAll(List.of(PoisonRecords.Kind.values()));
            groups.awaitCaughtUp(group, type.topic(), PROPAGATION);
        }
    }

    private static DomainEvent send(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        producer().send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        return event;
    }

    private static String bootstrap() {
        return TestInfrastructure.shared().kafkaBootstrapServers();
    }
}
