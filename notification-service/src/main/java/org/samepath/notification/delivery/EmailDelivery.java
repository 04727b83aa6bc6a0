package org.samepath.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.samepath.notification.contact.ContactPoints;
import org.samepath.notification.inbox.Notification;

/**
 * Email for a notification: to its recipient if their contact point opts in, and for a role-wide coordinator alert
 * to every configured coordinator address. Stored as pending in the caller's (the Kafka listener's) call, so nothing
 * is lost if SMTP or this instance fails, then handed to the dispatcher.
 */
public class EmailDelivery {

    private final OutgoingEmails emails;
    private final EmailDispatcher dispatcher;
    private final ContactPoints contactPoints;
    private final List<String> coordinatorEmails;

    EmailDelivery(
            OutgoingEmails emails,
            EmailDispatcher dispatcher,
            ContactPoints contactPoints,
            List<String> coordinatorEmails) {
        this.emails = emails;
        this.dispatcher = dispatcher;
        this.contactPoints = contactPoints;
        this.coordinatorEmails = coordinatorEmails.stream()
                .map(String::trim)
                .filter(address -> !address.isEmpty())
                .toList();
    }

    /** Queues the emails these notifications call for, in one read and one write; a repeated call queues no more. */
    public void enqueueFor(List<Notification> notifications) {
        List<String> recipients = notifications.stream()
                .filter(notification -> !notification.isRoleWide())
                .map(Notification::recipientId)
                .toList();
        Map<String, Document> contacts = contactPoints.findAll(recipients);
        List<OutgoingEmails.Pending> pending = new ArrayList<>();
        for (Notification notification : notifications) {
            if (notification.isRoleWide()) {
                for (String address : coordinatorEmails) {
                    String id = notification.id() + ".cc-" + shortHash(address);
                    pending.add(
                            new OutgoingEmails.Pending(id, notification.id(), address, null, notification.people()));
                }
            } else {
                Document contact = contacts.get(notification.recipientId());
                if (contact != null && contact.getBoolean("emailOptIn", false) && contact.getString("email") != null) {
                    pending.add(new OutgoingEmails.Pending(
                            notification.id(),
                            notification.id(),
                            contact.getString("email"),
                            notification.recipientId(),
                            notification.people()));
                }
            }
        }
        if (!pending.isEmpty() && emails.enqueueAll(pending) > 0) {
            dispatcher.wake();
        }
    }

    /** Removes the emails of notifications that must not exist after all (an erasure raced with them). */
    public void discardFor(Collection<String> notificationIds) {
        emails.discardFor(notificationIds);
    }

    private static String shortHash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
