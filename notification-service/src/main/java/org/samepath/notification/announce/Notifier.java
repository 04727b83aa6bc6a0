package org.samepath.notification.announce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.samepath.contracts.DomainEvent;
import org.samepath.notification.contact.ContactPoints;
import org.samepath.notification.contact.ContactPoints.ErasureMarks;
import org.samepath.notification.delivery.EmailDelivery;
import org.samepath.notification.inbox.Inbox;
import org.samepath.notification.inbox.Inbox.Addressed;
import org.samepath.notification.inbox.Notification;
import org.samepath.notification.inbox.NotificationDraft;

/**
 * Tells the people events concern: each draft becomes one inbox notification (once per event and recipient, however
 * often the event is delivered) and, where it calls for one, a pending email, both in the listener's call so the Kafka
 * offsets are committed only after both are stored. A redelivery re-queues nothing but repairs an email lost to a
 * crash between the two writes. Nothing is created about a person who has been erased.
 *
 * <p>A whole poll of events is told at once, so its cost is a handful of round trips whatever its size: one read of
 * the erasure marks, one insert of the notifications, one read of the contact points, one insert of the emails and the
 * second read of the erasure marks.
 */
class Notifier {

    /** An event and the notifications it calls for. */
    record Announcement(DomainEvent event, List<NotificationDraft> drafts) {}

    private final Inbox inbox;
    private final EmailDelivery emails;
    private final ContactPoints contactPoints;

    Notifier(Inbox inbox, EmailDelivery emails, ContactPoints contactPoints) {
        this.inbox = inbox;
        this.emails = emails;
        this.contactPoints = contactPoints;
    }

    void tell(DomainEvent event, List<NotificationDraft> drafts) {
        tellAll(List.of(new Announcement(event, drafts)));
    }

    void tellAll(List<Announcement> announcements) {
        Set<String> mentioned = new LinkedHashSet<>();
        announcements.forEach(announcement -> announcement.drafts().forEach(draft -> mentioned.addAll(draft.people())));
        if (announcements.stream()
                .allMatch(announcement -> announcement.drafts().isEmpty())) {
            return;
        }
        ErasureMarks erasures = contactPoints.erasuresOf(mentioned);
        List<Addressed> drafts = new ArrayList<>();
        List<DomainEvent> eventOfDraft = new ArrayList<>();
        for (Announcement announcement : announcements) {
            DomainEvent event = announcement.event();
            Set<String> erased = erasures.erasedAmong(peopleOf(announcement), event.occurredAt());
            for (NotificationDraft draft : announcement.drafts()) {
                if (Collections.disjoint(draft.people(), erased)) {
                    drafts.add(new Addressed(event.eventId(), draft));
                    eventOfDraft.add(event);
                }
            }
        }
        List<Notification> told = inbox.deliverAll(drafts).stream()
                .map(Inbox.Delivered::notification)
                .toList();
        emails.enqueueFor(told);
        // An erasure may have run between the check and the writes; whatever now mentions an erased person goes.
        ErasureMarks erasuresNow = contactPoints.erasuresOf(mentioned);
        List<String> mentionErased = new ArrayList<>();
        for (int i = 0; i < told.size(); i++) {
            Notification notification = told.get(i);
            Set<String> erased = erasuresNow.erasedAmong(
                    notification.people(), eventOfDraft.get(i).occurredAt());
            if (!erased.isEmpty()) {
                mentionErased.add(notification.id());
            }
        }
        inbox.discardAll(mentionErased);
        emails.discardFor(mentionErased);
    }

    private static Set<String> peopleOf(Announcement announcement) {
        Set<String> people = new LinkedHashSet<>();
        announcement.drafts().forEach(draft -> people.addAll(draft.people()));
        return people;
    }
}
