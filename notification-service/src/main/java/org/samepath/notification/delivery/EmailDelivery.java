package org.samepath.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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

    /** Queues the emails this notification calls for; a repeated call queues nothing more. */
    public void enqueueFor(Notification notification) {
        boolean queued = false;
        if (notification.isRoleWide()) {
            for (String address : coordinatorEmails) {
                String id = notification.id() + ".cc-" + shortHash(address);
                queued |= emails.enqueue(id, notification.id(), address, null, notification.people());
            }
        } else {
            var contact = contactPoints.find(notification.recipientId());
            if (contact.isPresent()
                    && contact.get().getBoolean("emailOptIn", false)
                    && contact.get().getString("email") != null) {
                queued = emails.enqueue(
                        notification.id(),
                        notification.id(),
                        contact.get().getString("email"),
                        notification.recipientId(),
                        notification.people());
            }
        }
        if (queued) {
            dispatcher.wake();
        }
    }

    /** Removes the emails of a notification that must not exist after all (an erasure raced with it). */
    public void discardFor(String notificationId) {
        emails.discardFor(notificationId);
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
