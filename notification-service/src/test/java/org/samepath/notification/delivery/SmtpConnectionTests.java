package org.samepath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samepath.embedded.SmtpCatcher;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A dispatcher's run of emails goes over one SMTP connection, counted on the client side, against a real SMTP
 * server: connecting again only after {@code messagesPerConnection} emails or after a failure.
 */
class SmtpConnectionTests {

    private final SmtpCatcher smtp = SmtpCatcher.start(0);

    @AfterEach
    void stopSmtp() {
        smtp.close();
    }

    @Test
    void aRunOfEmailsGoesOverOneConnection() {
        SmtpGateway gateway = gateway(20);

        try (SmtpConnection connection = gateway.connection()) {
            for (int i = 0; i < 5; i++) {
                gateway.send(connection, "e-" + i + ".to.p", "p" + i + "@example.org");
            }
        }

        assertThat(smtp.messages())
                .extracting(CaughtMessage::messageId)
                .containsExactly(
                        "<e-0.to.p@notifications.samepath>",
                        "<e-1.to.p@notifications.samepath>",
                        "<e-2.to.p@notifications.samepath>",
                        "<e-3.to.p@notifications.samepath>",
                        "<e-4.to.p@notifications.samepath>");
        assertThat(gateway.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aConnectionCarriesAtMostMessagesPerConnection() {
        SmtpGateway gateway = gateway(2);

        try (SmtpConnection connection = gateway.connection()) {
            for (int i = 0; i < 5; i++) {
                gateway.send(connection, "e-" + i + ".to.p", "p@example.org");
            }
        }

        assertThat(smtp.messages()).hasSize(5);
        assertThat(gateway.connectionsOpened()).isEqualTo(3);
    }

    @Test
    void aConnectionBrokenByAnSmtpRestartFailsOnceAndTheNextAttemptConnectsAgain() {
        SmtpGateway gateway = gateway(20);

        try (SmtpConnection connection = gateway.connection()) {
            gateway.send(connection, "before.to.p", "p@example.org");
            smtp.restart();
            assertThatThrownBy(() -> gateway.send(connection, "during.to.p", "p@example.org"))
                    .isInstanceOf(MailSendException.class);
            gateway.send(connection, "during.to.p", "p@example.org");
        }

        List<String> caught =
                smtp.messages().stream().map(CaughtMessage::messageId).toList();
        assertThat(caught)
                .containsExactly("<before.to.p@notifications.samepath>", "<during.to.p@notifications.samepath>");
        assertThat(gateway.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aDispatcherThatFindsNothingToSendOpensNoConnection() {
        SmtpGateway gateway = gateway(20);

        try (SmtpConnection unused = gateway.connection()) {
            assertThat(unused).isNotNull();
        }

        assertThat(gateway.connectionsOpened()).isZero();
    }

    private SmtpGateway gateway(int messagesPerConnection) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return new SmtpGateway(sender, "Samepath <no-reply@samepath.local>", messagesPerConnection);
    }
}
