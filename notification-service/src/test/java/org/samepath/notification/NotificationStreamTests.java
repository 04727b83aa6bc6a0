package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.EventStreamReader;
import org.samepath.testsupport.EventStreamReader.ServerSentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Live updates over server-sent events: what is created after connecting arrives, and only the caller's own. */
class NotificationStreamTests extends NotificationTestContext {

    private static final String STREAM = "/api/v1/notifications/stream";
    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aNotificationCreatedAfterConnectingIsPushedAsAnEvent() {
        String newcomer = newId("n");
        try (EventStreamReader stream = open(newcomer, "NEWCOMER")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            String event = eventId();

            deliver(new MatchRequestSubmitted(event, newId("r"), newcomer, now()));

            ServerSentEvent pushed = stream.await(sse -> (event + ".to." + newcomer).equals(sse.id()), LIVE);
            assertThat(pushed.name()).isEqualTo("notification");
            JsonNode notification = JSON.readTree(pushed.data());
            assertThat(notification.get("id").asString()).isEqualTo(event + ".to." + newcomer);
            assertThat(notification.get("type").asString()).isEqualTo("REQUEST_RECEIVED");
            assertThat(notification.get("title").asString()).isEqualTo("We're looking for a mentor for you");
        }
    }

    @Test
    void aNotificationStoredByAnotherInstanceArrivesThroughPolling() {
        String mentor = newId("m");
        try (EventStreamReader stream = open(mentor, "MENTOR")) {
            String id = eventId() + ".to." + mentor;

            notifications()
                    .insertOne(new Document("_id", id)
                            .append("type", "PROPOSAL_WITHDRAWN")
                            .append("title", "A mentor proposal was withdrawn")
                            .append("body", "Written by another instance.")
                            .append("recipientId", mentor)
                            .append("read", false)
                            .append("people", List.of(mentor))
                            .append("createdAt", new Date()));

            ServerSentEvent pushed = stream.await(sse -> id.equals(sse.id()), LIVE);
            assertThat(pushed.data()).contains("Written by another instance.");
            // Every poll (each 200 ms) sees it again; it must still have been pushed once.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> stream.events().stream()
                                    .filter(sse -> id.equals(sse.id()))
                                    .count()
                            == 1);
        }
    }

    @Test
    void nobodyIsPushedAnotherPersonsNotifications() {
        String newcomer = newId("n");
        String stranger = newId("n");
        try (EventStreamReader stream = open(newcomer, "NEWCOMER")) {
            String theirs = eventId();
            String mine = eventId();

            deliver(new MatchRequestSubmitted(theirs, newId("r"), stranger, now()));
            deliver(new UrgentSupportRequested(eventId(), stranger, now()));
            deliver(new MatchRequestSubmitted(mine, newId("r"), newcomer, now()));

            stream.await(sse -> (mine + ".to." + newcomer).equals(sse.id()), LIVE);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> stream.events().stream()
                    .noneMatch(sse -> sse.data().contains(stranger)));
        }
    }

    @Test
    void coordinatorsArePushedRoleWideAlerts() {
        try (EventStreamReader stream = open(newId("c"), "COORDINATOR")) {
            String event = eventId();

            deliver(new UrgentSupportRequested(event, newId("n"), now()));

            ServerSentEvent pushed = stream.await(sse -> (event + ".to-coordinators").equals(sse.id()), LIVE);
            assertThat(JSON.readTree(pushed.data()).get("type").asString()).isEqualTo("URGENT_SUPPORT");
        }
    }

    @Test
    void idleStreamsGetHeartbeats() {
        try (EventStreamReader stream = open(newId("n"), "NEWCOMER")) {
            assertThat(stream.awaitComment("heartbeat", LIVE)).isEqualTo("heartbeat");
        }
    }

    @Test
    void theStreamNeedsAToken() {
        try (EventStreamReader stream = EventStreamReader.open(url(), null)) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    private EventStreamReader open(String personId, String role) {
        return EventStreamReader.open(url(), tokens.token(personId, role));
    }

    private String url() {
        return "http://127.0.0.1:" + port + STREAM;
    }
}
