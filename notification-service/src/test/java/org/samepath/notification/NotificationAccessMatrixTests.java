package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.EventStreamReader;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what on notification-service, in the manner of profile-service's {@code ProfileAccessMatrixTests}:
 * every endpoint against no token, an expired token, a token signed by a stranger, a token from another issuer, a
 * newcomer, a mentor and a coordinator, each with a second person of the same role. Each cell is one dynamic test
 * "endpoint as caller → status"; refusals are problem+json and leave the notification unread; successes show the
 * caller their own notifications (and coordinators the role-wide alerts), nobody else's.
 */
class NotificationAccessMatrixTests extends NotificationTestContext {

    private static final String INBOX = "/api/v1/notifications";

    /** Whether the newcomer has marked their notification read (their own row's success cell, the last of it). */
    private boolean newcomerHasRead;

    /** Who calls. The token failures present the token of the row's rightful caller, so only the token is wrong. */
    enum Caller {
        NO_TOKEN(null),
        EXPIRED_TOKEN(null),
        WRONG_SIGNATURE(null),
        ANOTHER_ISSUER(null),
        NEWCOMER("NEWCOMER"),
        OTHER_NEWCOMER("NEWCOMER"),
        MENTOR("MENTOR"),
        OTHER_MENTOR("MENTOR"),
        COORDINATOR("COORDINATOR"),
        OTHER_COORDINATOR("COORDINATOR");

        final String role;

        Caller(String role) {
            this.role = role;
        }
    }

    /** The people and what was said to them: the newcomer's own notification, the mentor's, a coordinators' alert. */
    record Scene(
            Map<Caller, String> ids, String newcomerNotification, String mentorNotification, String coordinatorAlert) {

        String token(Caller caller, Caller rightful) {
            return switch (caller) {
                case NO_TOKEN -> null;
                case EXPIRED_TOKEN -> tokens.expiredToken(ids.get(rightful), rightful.role);
                case WRONG_SIGNATURE -> tokens.tokenWithWrongSignature(ids.get(rightful), rightful.role);
                case ANOTHER_ISSUER -> tokens.tokenFromAnotherIssuer(ids.get(rightful), rightful.role);
                default -> tokens.token(ids.get(caller), caller.role);
            };
        }
    }

    @FunctionalInterface
    interface Call {
        Response send(NotificationAccessMatrixTests test, Scene scene, String token);
    }

    /** One endpoint's row of the matrix. */
    static final class Row {
        final String endpoint;
        final Caller rightful;
        final Call call;
        final Map<Caller, Integer> expected = new LinkedHashMap<>();
        final Map<Caller, BiConsumer<Scene, JsonNode>> checks = new LinkedHashMap<>();

        Row(String endpoint, Caller rightful, Call call) {
            this.endpoint = endpoint;
            this.rightful = rightful;
            this.call = call;
            expect(401, Caller.NO_TOKEN, Caller.EXPIRED_TOKEN, Caller.WRONG_SIGNATURE, Caller.ANOTHER_ISSUER);
        }

        Row expect(int status, Caller... callers) {
            for (Caller caller : callers) {
                expected.put(caller, status);
            }
            return this;
        }

        Row check(Caller caller, BiConsumer<Scene, JsonNode> check) {
            checks.put(caller, check);
            return this;
        }
    }

    private static List<Row> matrix() {
        return List.of(
                new Row("GET " + INBOX, Caller.NEWCOMER, (test, scene, token) -> test.api()
                                .get(INBOX + "?size=100", token))
                        .expect(
                                200,
                                Caller.NEWCOMER,
                                Caller.OTHER_NEWCOMER,
                                Caller.MENTOR,
                                Caller.OTHER_MENTOR,
                                Caller.COORDINATOR,
                                Caller.OTHER_COORDINATOR)
                        .check(Caller.NEWCOMER, shows(Scene::newcomerNotification))
                        .check(Caller.OTHER_NEWCOMER, showsNoneOfTheScene())
                        .check(Caller.MENTOR, shows(Scene::mentorNotification))
                        .check(Caller.OTHER_MENTOR, showsNoneOfTheScene())
                        .check(Caller.COORDINATOR, shows(Scene::coordinatorAlert))
                        .check(Caller.OTHER_COORDINATOR, shows(Scene::coordinatorAlert)),
                new Row("POST " + INBOX + "/{newcomer's}/read", Caller.NEWCOMER, (test, scene, token) -> test.api()
                                .post(INBOX + "/" + scene.newcomerNotification() + "/read", token, ""))
                        .expect(200, Caller.NEWCOMER)
                        .expect(
                                404,
                                Caller.OTHER_NEWCOMER,
                                Caller.MENTOR,
                                Caller.OTHER_MENTOR,
                                Caller.COORDINATOR,
                                Caller.OTHER_COORDINATOR),
                new Row("POST " + INBOX + "/{mentor's}/read", Caller.MENTOR, (test, scene, token) -> test.api()
                                .post(INBOX + "/" + scene.mentorNotification() + "/read", token, ""))
                        .expect(200, Caller.MENTOR)
                        .expect(404, Caller.OTHER_MENTOR, Caller.NEWCOMER, Caller.COORDINATOR),
                new Row(
                                "POST " + INBOX + "/{coordinators' alert}/read",
                                Caller.COORDINATOR,
                                (test, scene, token) ->
                                        test.api().post(INBOX + "/" + scene.coordinatorAlert() + "/read", token, ""))
                        .expect(200, Caller.COORDINATOR, Caller.OTHER_COORDINATOR)
                        .expect(404, Caller.NEWCOMER, Caller.OTHER_NEWCOMER, Caller.MENTOR, Caller.OTHER_MENTOR),
                new Row("POST " + INBOX + "/{unknown}/read", Caller.NEWCOMER, (test, scene, token) -> test.api()
                                .post(INBOX + "/no-such-" + scene.newcomerNotification() + "/read", token, ""))
                        .expect(404, Caller.NEWCOMER, Caller.MENTOR, Caller.COORDINATOR),
                new Row("GET " + INBOX + "/stream", Caller.NEWCOMER, (test, scene, token) -> test.stream(token))
                        .expect(200, Caller.NEWCOMER, Caller.MENTOR, Caller.COORDINATOR));
    }

    @TestFactory
    Stream<DynamicNode> accessMatrix() {
        Scene scene = scene();
        return matrix().stream()
                .map(row -> DynamicContainer.dynamicContainer(
                        row.endpoint,
                        row.expected.entrySet().stream()
                                .sorted(Comparator.comparing(
                                        (Map.Entry<Caller, Integer> cell) -> cell.getValue() < 300))
                                .map(cell -> DynamicTest.dynamicTest(
                                        row.endpoint + " as " + cell.getKey() + " → " + cell.getValue(),
                                        () -> assertCell(row, cell.getKey(), cell.getValue(), scene)))));
    }

    private void assertCell(Row row, Caller caller, int expected, Scene scene) {
        Response response = row.call.send(this, scene, scene.token(caller, row.rightful));

        assertThat(response.status())
                .as("%s as %s: %s", row.endpoint, caller, response)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("a problem+json: %s", response).isTrue();
            assertThat(response.json().get("status").asInt()).isEqualTo(expected);
            assertThat(notification(scene.newcomerNotification()).getBoolean("read"))
                    .as("a refusal marks nothing read")
                    .isEqualTo(newcomerHasRead);
        } else if (!row.endpoint.endsWith("/stream")) {
            BiConsumer<Scene, JsonNode> check = row.checks.get(caller);
            if (check != null) {
                check.accept(scene, response.json());
            }
            newcomerHasRead |= response.body().contains("\"id\":\"" + scene.newcomerNotification() + "\"")
                    && response.json().path("read").asBoolean();
        }
    }

    private Scene scene() {
        Map<Caller, String> ids = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            if (caller.role != null) {
                ids.put(caller, newId(caller.name().toLowerCase().replace('_', '-')));
            }
        }
        String submitted = eventId();
        String expired = eventId();
        String urgent = eventId();
        deliverAll(
                new MatchRequestSubmitted(submitted, newId("r"), ids.get(Caller.NEWCOMER), now()),
                new ProposalExpired(expired, newId("r"), newId("n"), newId("pr"), ids.get(Caller.MENTOR), now()),
                new UrgentSupportRequested(urgent, ids.get(Caller.NEWCOMER), now()));
        return new Scene(
                Map.copyOf(ids),
                submitted + ".to." + ids.get(Caller.NEWCOMER),
                expired + ".to." + ids.get(Caller.MENTOR),
                urgent + ".to-coordinators");
    }

    private org.bson.Document notification(String id) {
        return notifications().find(new org.bson.Document("_id", id)).first();
    }

    /** The stream's answer: its status and type once the headers are in (a refusal's body is read in full). */
    private Response stream(String token) {
        try (EventStreamReader stream = EventStreamReader.open("http://127.0.0.1:" + port + INBOX + "/stream", token)) {
            if (stream.status() == 200) {
                return new Response(200, stream.contentType(), "");
            }
        }
        return api().get(INBOX + "/stream", token);
    }

    private static BiConsumer<Scene, JsonNode> shows(java.util.function.Function<Scene, String> notification) {
        return (scene, page) -> {
            List<String> ids = ids(page);
            assertThat(ids).contains(notification.apply(scene));
            List<String> others = new ArrayList<>(
                    List.of(scene.newcomerNotification(), scene.mentorNotification(), scene.coordinatorAlert()));
            others.remove(notification.apply(scene));
            assertThat(ids).doesNotContainAnyElementsOf(others);
        };
    }

    private static BiConsumer<Scene, JsonNode> showsNoneOfTheScene() {
        return (scene, page) -> assertThat(ids(page))
                .doesNotContain(scene.newcomerNotification(), scene.mentorNotification(), scene.coordinatorAlert());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
