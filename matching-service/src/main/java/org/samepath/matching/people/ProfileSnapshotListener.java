package org.samepath.matching.people;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the read model of people current from profile-service's compacted snapshot topic, and tells the rest of the
 * service (in-process, before the offset is committed) so requests follow the pool.
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
            events.publishEvent(new PersonErased(record.key()));
            people.forget(record.key());
            log.info("Erased {} from matching", record.key());
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
