package org.samepath.matching.dashboard;

import org.samepath.contracts.Topics;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.matching.dashboard.Alerts.Kind;
import org.samepath.matching.people.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Puts every urgent-support flag and report in front of coordinators on the dashboard. Its own consumer group, so
 * the alerts and the pair blocking ({@code request.SafetyListener}) each read every safety event independently.
 */
@KafkaListener(
        id = "matching-alerts",
        groupId = "${samepath.kafka.group-prefix:}matching-alerts",
        topics = Topics.SAFETY)
class SafetyAlertsListener {

    private final Alerts alerts;

    SafetyAlertsListener(Alerts alerts) {
        this.alerts = alerts;
    }

    @KafkaHandler
    void on(UrgentSupportRequested flag) {
        alerts.raise(flag.eventId(), Kind.URGENT_SUPPORT, flag.newcomerId(), null, false, flag.occurredAt());
    }

    @KafkaHandler
    void on(PersonReported report) {
        alerts.raise(
                report.eventId(),
                Kind.REPORT,
                report.reporterId(),
                report.subjectId(),
                report.rematchRequested(),
                report.occurredAt());
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object otherEvent) {}

    @EventListener
    void on(PersonErased erased) {
        alerts.forget(erased.personId());
    }
}
