package org.samepath.notification.delivery;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The SMTP call, behind the {@code smtp} Resilience4j instances (configured in application.yml): Retry outermost
 * with exponential back-off, then the CircuitBreaker, which fails fast while SMTP is down, then the Bulkhead, which
 * bounds concurrent calls. The aspects need spring-boot-starter-aspectj and a proxied bean; the outage test proves
 * they apply. Each call sends on the caller's {@link SmtpConnection}, so a dispatcher sends a run of emails over one
 * connection; a failed attempt drops it and the retry connects again.
 */
class SmtpGateway {

    static final String INSTANCE = "smtp";

    private final JavaMailSenderImpl mailSender;
    private final String from;
    private final int messagesPerConnection;
    private final AtomicLong connectionsOpened = new AtomicLong();

    SmtpGateway(JavaMailSenderImpl mailSender, String from, int messagesPerConnection) {
        this.mailSender = mailSender;
        this.from = from;
        this.messagesPerConnection = messagesPerConnection;
    }

    /** A connection for one dispatcher's run of emails; it connects on its first send. */
    public SmtpConnection connection() {
        return new SmtpConnection(mailSender, messagesPerConnection, connectionsOpened);
    }

    @Retry(name = INSTANCE)
    @CircuitBreaker(name = INSTANCE)
    @Bulkhead(name = INSTANCE)
    public void send(SmtpConnection connection, String emailId, String to) {
        MimeMessage message = connection.newMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(EmailTemplate.SUBJECT);
            helper.setText(EmailTemplate.BODY, false);
            message.setHeader("Message-ID", EmailTemplate.messageId(emailId));
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build email " + emailId, e);
        }
        connection.send(message);
    }

    /** SMTP connections opened so far (each costs a TCP handshake, the greeting and EHLO, and any TLS and AUTH). */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }
}
