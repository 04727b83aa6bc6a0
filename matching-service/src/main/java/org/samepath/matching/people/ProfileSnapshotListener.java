package org.samepath.matching.people;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the read model of people current from profile-service's compacted snapshot topic, and tells the rest of the
 * service (in-process, before the offset is committed) so requests follow the pool. A tombstone's time orders it
 * against the snapshots around it, so a replay of the topic neither brings an erased person back into the pool for a
 * moment nor erases someone who has since signed up again.
 */
class ProfileSnapshotListener {

    private static final Logger log = LoggerFactory.getLogger(ProfileSnapshotListener.class);

    private final MatchablePeople people;
    private final ApplicationEventPublisher events;

    ProfileSnapshotListener(MatchablePeople people, ApplicationEventPublisher events) {
        this.people = people;
        this.events = events;
    }

    @KafkaListener(
            id = "matching-profile-snapshots",
            groupId = "${samepath.kafka.group-prefix:}matching-profile-snapshots",
            topics = Topics.PROFILES)
    void on(ConsumerRecord<String, Object> record) {
        if (record.value() == null) {
            Instant erasedAt = Instant.ofEpochMilli(record.timestamp());
            if (people.erasable(record.key(), erasedAt)) {
                events.publishEvent(new PersonErased(record.key()));
                people.forget(record.key(), erasedAt);
                log.info("Erased {} from matching", record.key());
            } else {
                log.info("Ignored a tombstone of {} older than what is held", record.key());
            }
        } else if (record.value() instanceof MatchableProfileChanged snapshot) {
            people.apply(snapshot)
                    .ifPresentOrElse(
                            change -> {
                                log.info("Applied profile snapshot v{} of {}", snapshot.version(), snapshot.personId());
                                events.publishEvent(change);
                            },
                            () -> log.info(
                                    "Ignored stale or repeated snapshot v{} of {}",
                                    snapshot.version(),
                                    snapshot.personId()));
        }
    }
}
