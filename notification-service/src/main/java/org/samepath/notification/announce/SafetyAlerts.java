package org.samepath.notification.announce;

import static org.samepath.notification.inbox.NotificationDraft.toCoordinators;

import java.util.List;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.notification.inbox.NotificationDraft;
import org.samepath.notification.inbox.NotificationDraft.Related;
import org.samepath.notification.inbox.NotificationType;

/**
 * Safety alerts go to coordinators only. Mentors are never told of urgent support (peers are supporters, not crisis
 * responders), and a report's reason stays in profile-service.
 */
final class SafetyAlerts {

    List<NotificationDraft> of(UrgentSupportRequested event) {
        return List.of(toCoordinators(
                NotificationType.URGENT_SUPPORT,
                "Urgent: a newcomer needs support now",
                "Newcomer " + event.newcomerId() + " asked for support now. Please reach out to them as soon as"
                        + " possible.",
                Related.NONE,
                event.newcomerId()));
    }

    List<NotificationDraft> of(PersonReported event) {
        return List.of(toCoordinators(
                NotificationType.PERSON_REPORTED,
                "A person was reported",
                event.reporterId() + " reported " + event.subjectId()
                        + ". The pair is blocked from now on; please review the report.",
                Related.report(event.reportId()),
                event.reporterId(),
                event.subjectId()));
    }
}
