package org.samepath.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) that accepts every message and keeps it in memory for inspection. It can be stopped
 * and restarted on the same port (an SMTP outage); messages caught before a stop are kept.
 */
public final class SmtpCatcher implements AutoCloseable {

    /** One caught message, read into plain values: its Message-ID, recipients, subject and text. */
    public record CaughtMessage(String messageId, List<String> recipients, String subject, String text) {}

    private final ServerSetup setup;
    private final List<MimeMessage> caughtBeforeRestarts = new ArrayList<>();
    private GreenMail greenMail;

    private SmtpCatcher(ServerSetup setup, GreenMail greenMail) {
        this.setup = setup;
        this.greenMail = greenMail;
    }

    /** Starts SMTP on 127.0.0.1:{@code port}, or on a free port when {@code port} is 0. */
    public static SmtpCatcher start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port > 0 ? setup : setup.dynamicPort());
        greenMail.start();
        int boundPort = greenMail.getSmtp().getPort();
        return new SmtpCatcher(new ServerSetup(boundPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), greenMail);
    }

    public synchronized int port() {
        return setup.getPort();
    }

    /** Every message caught so far, across restarts. */
    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> all = new ArrayList<>(caughtBeforeRestarts);
        if (greenMail != null) {
            all.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        }
        return List.copyOf(all);
    }

    /** Every message caught so far, across restarts, as plain values. */
    public List<CaughtMessage> messages() {
        return receivedMessages().stream().map(SmtpCatcher::read).toList();
    }

    /** Stops accepting connections (the port is closed), keeping what was caught. */
    public synchronized void stop() {
        if (greenMail != null) {
            caughtBeforeRestarts.addAll(Arrays.asList(greenMail.getReceivedMessages()));
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Starts accepting again on the same port after {@link #stop}. */
    public synchronized void restart() {
        stop();
        GreenMail restarted = new GreenMail(setup);
        restarted.start();
        greenMail = restarted;
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public synchronized void close() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    private static CaughtMessage read(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            List<String> recipients = to == null
                    ? List.of()
                    : Arrays.stream(to).map(Address::toString).toList();
            return new CaughtMessage(
                    message.getMessageID(), recipients, message.getSubject(), text(message.getContent()));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read a caught message", e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }
}
