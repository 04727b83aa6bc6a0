package org.samepath.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** A real SMTP server (GreenMail) that accepts every message and keeps it in memory for inspection. */
public final class SmtpCatcher implements AutoCloseable {

    private final GreenMail greenMail;

    private SmtpCatcher(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP on 127.0.0.1:{@code port}, or on a free port when {@code port} is 0. */
    public static SmtpCatcher start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port > 0 ? setup : setup.dynamicPort());
        greenMail.start();
        return new SmtpCatcher(greenMail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
