package org.samepath.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live updates must cost next to nothing while nobody is connected: under 2 ms per notification, by far. */
class NotificationStreamCostTests {

    private final NotificationStream stream = new NotificationStream(
            new StreamProperties(
                    Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1)),
            Clock.systemUTC());

    @Test
    void publishingWithNobodyConnectedTakesWellUnderTwoMilliseconds() {
        int notifications = 100_000;
        long started = System.nanoTime();
        for (int i = 0; i < notifications; i++) {
            stream.publish(notification("n-" + i, "p-" + (i % 100)));
        }
        Duration perNotification = Duration.ofNanos((System.nanoTime() - started) / notifications);

        assertThat(perNotification).isLessThan(Duration.ofMillis(2));
        assertThat(stream.isEmpty()).isTrue();
        stream.close();
    }

    private static Notification notification(String id, String recipient) {
        return new Notification(
                id,
                recipient,
                null,
                NotificationType.REQUEST_RECEIVED,
                "t",
                "b",
                null,
                null,
                null,
                null,
                null,
                List.of(recipient),
                Instant.now(),
                false);
    }
}
