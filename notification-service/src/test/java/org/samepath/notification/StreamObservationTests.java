package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.samepath.testsupport.EventStreamReader;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An open stream holds no {@code http.server.requests} observation: no long-task-timer sample (and so no trace span)
 * for the stream's whole life, which is what made each open stream cost hundreds of KiB. Other requests are still
 * observed.
 */
class StreamObservationTests extends NotificationTestContext {

    private static final String INBOX = "/api/v1/notifications";

    @Autowired
    MeterRegistry meters;

    @Test
    void anOpenStreamIsNotAnObservedRequestButTheInboxIs() {
        String reader = newId("m");
        double inboxRequestsBefore = inboxRequests();

        assertThat(api().get(INBOX, tokens.token(reader, "MENTOR")).status()).isEqualTo(200);
        await().atMost(PROPAGATION).until(() -> inboxRequests() > inboxRequestsBefore);
        assertThat(meters.find("http.server.requests.active").longTaskTimers())
                .as("observed requests are counted while they run")
                .isNotEmpty();

        try (EventStreamReader first = open(reader);
                EventStreamReader second = open(newId("n"))) {
            first.awaitComment("connected", PROPAGATION);
            second.awaitComment("connected", PROPAGATION);

            assertThat(activeServerRequests()).isZero();
            assertThat(meters.find("http.server.requests")
                            .tag("uri", INBOX + "/stream")
                            .timers())
                    .isEmpty();
        }
    }

    private EventStreamReader open(String personId) {
        return EventStreamReader.open("http://127.0.0.1:" + port + INBOX + "/stream", tokens.token(personId, "MENTOR"));
    }

    private double inboxRequests() {
        return meters.find("http.server.requests").tag("uri", INBOX).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** Requests being served now, as Micrometer's long task timer of the observation counts them. */
    private int activeServerRequests() {
        return meters.find("http.server.requests.active").longTaskTimers().stream()
                .mapToInt(LongTaskTimer::activeTasks)
                .sum();
    }
}
