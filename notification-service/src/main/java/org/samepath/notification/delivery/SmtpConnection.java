package org.samepath.notification.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One dispatcher worker's SMTP connection, kept for a run of emails instead of one connection (TCP, greeting, EHLO,
 * maybe TLS and AUTH, QUIT) per email. Connects on the first send, again after {@code messagesPerConnection} (servers
 * limit messages per session) and after any failure (the connection is then of unknown state; the retry around the
 * send gets a fresh one). Not thread-safe: one worker owns it, and closes it when the queue is empty, so no connection
 * sits idle until the server times it out.
 */
final class SmtpConnection implements AutoCloseable {

    private final JavaMailSenderImpl mailSender;
    private final int messagesPerConnection;
    private final AtomicLong connectionsOpened;
    private Transport transport;
    private int sentOnTransport;

    SmtpConnection(JavaMailSenderImpl mailSender, int messagesPerConnection, AtomicLong connectionsOpened) {
        this.mailSender = mailSender;
        this.messagesPerConnection = Math.max(1, messagesPerConnection);
        this.connectionsOpened = connectionsOpened;
    }

    MimeMessage newMessage() {
        return mailSender.createMimeMessage();
    }

    /** Sends as {@link JavaMailSenderImpl} would, failing with the same exceptions, on this connection. */
    void send(MimeMessage message) {
        Transport connected = connected();
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                // saveChanges() makes up a new Message-ID; ours names the email, so a resent copy is recognisable.
                message.setHeader("Message-ID", messageId);
            }
            connected.sendMessage(message, message.getAllRecipients());
            sentOnTransport++;
        } catch (MessagingException | RuntimeException e) {
            close();
            throw new MailSendException("Failed to send " + describe(message), e);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException alreadyBroken) {
                // Nothing to do: the next send connects again.
            }
            transport = null;
        }
    }

    private Transport connected() {
        if (transport != null && sentOnTransport >= messagesPerConnection) {
            close();
        }
        if (transport == null) {
            transport = connect();
            sentOnTransport = 0;
        }
        return transport;
    }

    private Transport connect() {
        String username = emptyAsNull(mailSender.getUsername());
        String password = username == null ? emptyAsNull(mailSender.getPassword()) : mailSender.getPassword();
        try {
            String protocol =
                    mailSender.getProtocol() != null ? mailSender.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL;
            Transport opened = mailSender.getSession().getTransport(protocol);
            opened.connect(mailSender.getHost(), mailSender.getPort(), username, password);
            connectionsOpened.incrementAndGet();
            return opened;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e);
        }
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String describe(MimeMessage message) {
        try {
            return String.valueOf(message.getMessageID());
        } catch (MessagingException e) {
            return "a message";
        }
    }
}
