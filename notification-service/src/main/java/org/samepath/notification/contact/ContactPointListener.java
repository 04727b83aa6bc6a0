package org.samepath.notification.contact;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ContactPointChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps contact points current from profile-service's compacted contact-points topic. A tombstone erases the person:
 * their contact point here, and (through {@link PersonErased}, in this same call, before the offset is committed)
 * everything the other features hold about them. The tombstone's time orders it against the contact points around it,
 * so replaying the topic neither brings an erased person back for a moment nor erases someone who has since signed up
 * again.
 */
class ContactPointListener {

    private final ContactPoints contactPoints;
    private final ApplicationEventPublisher events;

    ContactPointListener(ContactPoints contactPoints, ApplicationEventPublisher events) {
        this.contactPoints = contactPoints;
        this.events = events;
    }

    @KafkaListener(id = "notification-contact-points", topics = Topics.CONTACT_POINTS)
    void on(ConsumerRecord<String, Object> record) {
        if (record.value() == null) {
            if (contactPoints.forget(record.key(), Instant.ofEpochMilli(record.timestamp()))) {
                events.publishEvent(new PersonErased(record.key()));
            }
        } else if (record.value() instanceof ContactPointChanged change) {
            contactPoints.apply(change);
        }
    }
}
