package org.samepath.notification.contact;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ContactPointChanged;
import org.springframework.kafka.annotation.KafkaListener;

/** Keeps contact points current from profile-service's compacted contact-points topic. */
class ContactPointListener {

    private final ContactPoints contactPoints;

    ContactPointListener(ContactPoints contactPoints) {
        this.contactPoints = contactPoints;
    }

    @KafkaListener(id = "notification-contact-points", topics = Topics.CONTACT_POINTS)
    void on(ConsumerRecord<String, Object> record) {
        if (record.value() == null) {
            contactPoints.forget(record.key());
        } else if (record.value() instanceof ContactPointChanged change) {
            contactPoints.apply(change);
        }
    }
}
