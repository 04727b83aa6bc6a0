package org.samepath.notification.delivery;

/**
 * The one email Samepath sends, whatever happened: identical for every notification, so that no subject line,
 * preview or body can ever reveal a recovery detail, a name or what the message is about. The message itself waits
 * in the app.
 */
final class EmailTemplate {

    static final String SUBJECT = "Samepath: you have a new message";
    static final String BODY = "You have a new message on Samepath. Sign in to read it.\n";

    private EmailTemplate() {}

    /** The Message-ID of an outgoing email: its id (the notification id) makes a resent copy recognisable. */
    static String messageId(String emailId) {
        return "<" + emailId + "@notifications.samepath>";
    }
}
