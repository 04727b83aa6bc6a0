package org.samepath.notification.announce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.samepath.contracts.DomainEvent;
import org.samepath.notification.contact.ContactPoints;
import org.samepath.notification.delivery.EmailDelivery;
import org.samepath.notification.inbox.Inbox;
import org.samepath.notification.inbox.Notification;
import org.samepath.notification.inbox.NotificationDraft;

/**
 * Tells the people an event concerns: each draft becomes one inbox notification (once per event and recipient,
 * however often the event is delivered) and, where it calls for one, a pending email, both in the listener's call so
 * the Kafka offset is committed only after both are stored. A redelivery re-queues nothing but repairs an email
 * lost to a crash between the two writes. Nothing is created about a person who has been erased.
 */
class Notifier {

    private final Inbox inbox;
    private final EmailDelivery emails;
    private final ContactPoints contactPoints;

    Notifier(Inbox inbox, EmailDelivery emails, ContactPoints contactPoints) {
        this.inbox = inbox;
        this.emails = emails;
        this.contactPoints = contactPoints;
    }

    void tell(DomainEvent event, List<NotificationDraft> drafts) {
        String eventId = event.eventId();
        Set<String> mentioned = new LinkedHashSet<>();
        drafts.forEach(draft -> mentioned.addAll(draft.people()));
        Set<String> erased = contactPoints.erasedAmong(mentioned, event.occurredAt());
        List<Notification> told = new ArrayList<>();
        for (NotificationDraft draft : drafts) {
            if (Collections.disjoint(draft.people(), erased)) {
                Notification notification = inbox.deliver(eventId, draft).notification();
                emails.enqueueFor(notification);
                told.add(notification);
            }
        }
        // An erasure may have run between the check and the writes; whatever now mentions an erased person goes.
        Set<String> erasedMeanwhile = contactPoints.erasedAmong(mentioned, event.occurredAt());
        for (Notification notification : told) {
            if (!Collections.disjoint(notification.people(), erasedMeanwhile)) {
                inbox.discard(notification.id());
                emails.discardFor(notification.id());
            }
        }
    }
}
