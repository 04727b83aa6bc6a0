package org.samepath.matching.people;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/** Keeps the read model of people current from profile-service's compacted snapshot topic. */
class ProfileSnapshotListener {

    private static final Logger log = LoggerFactory.getLogger(ProfileSnapshotListener.class);

    private final MatchablePeople people;

    ProfileSnapshotListener(MatchablePeople people) {
        this.people = people;
    }

    @KafkaListener(id = "matching-profile-snapshots", topics = Topics.PROFILES)
    void on(ConsumerRecord<String, Object> record) {
        if (record.value() == null) {
            people.forget(record.key());
        } else if (record.value() instanceof MatchableProfileChanged snapshot) {
            if (people.apply(snapshot)) {
                log.info("Applied profile snapshot v{} of {}", snapshot.version(), snapshot.personId());
            } else {
                log.info("Ignored stale or repeated snapshot v{} of {}", snapshot.version(), snapshot.personId());
            }
        }
    }
}
