package org.samepath.notification.announce;

import org.samepath.contracts.Topics;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

/** Alerts coordinators, and only them, to urgent-support flags and reports. */
// One consumer: safety events are few (a flag, a report), and each idle consumer costs the broker fetches.
@KafkaListener(id = "notification-safety", topics = Topics.SAFETY, concurrency = "1")
class SafetyEventsListener {

    private final SafetyAlerts alerts;
    private final Notifier notifier;

    SafetyEventsListener(SafetyAlerts alerts, Notifier notifier) {
        this.alerts = alerts;
        this.notifier = notifier;
    }

    @KafkaHandler
    void on(UrgentSupportRequested event) {
        notifier.tell(event, alerts.of(event));
    }

    @KafkaHandler
    void on(PersonReported event) {
        notifier.tell(event, alerts.of(event));
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object otherEvent) {}
}
