package org.samepath.notification.delivery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email delivery. {@code coordinatorEmails} also receive every coordinator alert. The dispatcher wakes every
 * {@code dispatchInterval} (and at once after a new email), claims an email for {@code lease} (longer than the
 * slowest retried SMTP call, or another instance may send it again), and waits between failed attempts from
 * {@code retryBackoff} doubling up to {@code maxRetryBackoff}. {@code dispatchThreads} bounds this instance's
 * parallel sends; the {@code smtp} bulkhead bounds the SMTP calls themselves. Each dispatcher thread sends a run of
 * emails over one SMTP connection, at most {@code messagesPerConnection} before it connects again.
 */
@ConfigurationProperties("samepath.notifications")
record DeliveryProperties(@DefaultValue List<String> coordinatorEmails, @DefaultValue Email email) {

    record Email(
            @DefaultValue("Samepath <no-reply@samepath.local>") String from,
            @DefaultValue("5s") Duration dispatchInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("2s") Duration retryBackoff,
            @DefaultValue("5m") Duration maxRetryBackoff,
            @DefaultValue("2") int dispatchThreads,
            @DefaultValue("20") int messagesPerConnection) {}
}
