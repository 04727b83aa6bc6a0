package org.samepath.notification.delivery;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The SMTP call, behind the {@code smtp} Resilience4j instances (configured in application.yml): Retry outermost
 * with exponential back-off, then the CircuitBreaker, which fails fast while SMTP is down, then the Bulkhead, which
 * bounds concurrent calls. The aspects need spring-boot-starter-aspectj and a proxied bean; the outage test proves
 * they apply.
 */
class SmtpGateway {

    static final String INSTANCE = "smtp";

    private final JavaMailSender mailSender;
    private final String from;

    SmtpGateway(JavaMailSender mailSender, String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    @Retry(name = INSTANCE)
    @CircuitBreaker(name = INSTANCE)
    @Bulkhead(name = INSTANCE)
    public void send(String emailId, String to) {
        MimeMessage message = mailSender.createMimeMessage();
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
        mailSender.send(message);
    }
}
