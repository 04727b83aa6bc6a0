package org.samepath.matching.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.platform.events.EventJson;
import org.samepath.testsupport.PoisonRecords;

/**
 * 100 poison records of every kind (see {@link PoisonRecords}) mixed with good events into each topic matching-service
 * consumes: every poison record is in {@code <topic>.dlt} with its original bytes and headers, every good event takes
 * effect in the database, and a good event sent after all the poison is processed (no consumer is stuck). An unknown
 * {@code ce_type} is dead-lettered, not skipped, as the platform's deserializer documents.
 */
class PoisonRecordTests extends FaultTestContext {

    private static final int POISON = 100;

    @Test
    void poisonOnTheProfilesTopicIsDeadLetteredAndEveryGoodSnapshotIsApplied() {
        mixPoisonWithGoodEvents(
                PROFILES_LISTENER,
                EventCatalog.URGENT_SUPPORT_REQUESTED.type(),
                i -> mentor(newId("mentor"), 1, ProfileStatus.APPROVED, 2, "sw"),
                event -> person(event.aggregateId()) != null);
    }

    @Test
    void poisonOnTheSafetyTopicIsDeadLetteredAndEveryGoodReportBlocksItsPair() {
        String newcomer = newId("newcomer");
        List<String> mentors = new ArrayList<>();
        publish(newcomer(newcomer, 1, "sw"));
        for (int i = 0; i <= POISON / 4; i++) {
            String mentor = newId("mentor");
            mentors.add(mentor);
            publish(mentor(mentor, 1, ProfileStatus.APPROVED, 1, "sw"));
        }
        awaitPeople(mentors.toArray(String[]::new));
        awaitPeople(newcomer);
        List<String> unreported = new ArrayList<>(mentors);
        mixPoisonWithGoodEvents(
                SAFETY_LISTENER,
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                i -> new PersonReported(
                        java.util.UUID.randomUUID().toString(),
                        newId("rep"),
                        newcomer,
                        i < 0 ? "sample" : unreported.remove(0),
                        java.time.Instant.now(),
                        false),
                event -> {
                    PersonReported report = (PersonReported) event;
                    Document pair = database()
                            .getCollection("pair_history")
                            .find(new Document("_id", report.reporterId() + "|" + report.subjectId()))
                            .first();
                    return pair != null && pair.getBoolean("blocked", false);
                });
    }

    private void mixPoisonWithGoodEvents(
            String listenerId,
            String misplacedCeType,
            IntFunction<DomainEvent> goodEvent,
            Predicate<DomainEvent> tookEffect) {
        String group = group(listenerId);
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
            await().atMost(PROPAGATION).until(() -> tookEffect.test(afterThePoison));

            assertThat(good).hasSize(POISON / 4).allMatch(tookEffect);
            poison.assertAllDeadLettered(bootstrap(), group, PROPAGATION);
            groups.awaitCaughtUp(group, type.topic(), PROPAGATION);
        }
    }

    private static DomainEvent send(DomainEvent event) {
        if (event instanceof MatchableProfileChanged snapshot) {
            publish(snapshot);
        } else {
            EventType<?> type = EventCatalog.of(event.getClass());
            producer.send(type.topic(), event.aggregateId(), type.type(), event.eventId(), event);
        }
        return event;
    }
}
