package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWithdrawn;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** The inbox API: each caller sees only their own notifications, coordinators also the role-wide alerts. */
class InboxApiTests extends NotificationTestContext {

    private static final String INBOX = "/api/v1/notifications";

    @Test
    void eachPersonSeesOnlyTheirOwnNotificationsNewestFirst() {
        String newcomer = newId("n");
        String other = newId("n");
        String request = newId("r");
        String submitted = eventId();
        String withdrawn = eventId();
        deliverAll(
                new MatchRequestSubmitted(submitted, request, newcomer, now()),
                new MatchRequestSubmitted(eventId(), newId("r"), other, now()));
        deliver(new MatchRequestWithdrawn(withdrawn, request, newcomer, now()));

        Response inbox = api().get(INBOX, tokens.token(newcomer, "NEWCOMER"));

        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        assertThat(ids(inbox.json())).containsExactly(withdrawn + ".to." + newcomer, submitted + ".to." + newcomer);
        JsonNode newest = inbox.json().get("items").get(0);
        assertThat(newest.get("type").asString()).isEqualTo("REQUEST_WITHDRAWN");
        assertThat(newest.get("recipientId").asString()).isEqualTo(newcomer);
        assertThat(newest.get("read").asBoolean()).isFalse();
        assertThat(newest.get("createdAt").asString()).isNotBlank();
        assertThat(inbox.json().get("total").asLong()).isEqualTo(2);
        assertThat(inbox.json().get("unread").asLong()).isEqualTo(2);
        assertThat(inbox.body()).doesNotContain(other);
    }

    @Test
    void someoneElsesNotificationDoesNotExistForTheCaller() {
        String newcomer = newId("n");
        String event = eventId();
        deliver(new MatchRequestSubmitted(event, newId("r"), newcomer, now()));

        Response stranger =
                api().post(INBOX + "/" + event + ".to." + newcomer + "/read", tokens.token(newId("m"), "MENTOR"), "");
        Response coordinator = api().post(
                        INBOX + "/" + event + ".to." + newcomer + "/read", tokens.token(newId("c"), "COORDINATOR"), "");
        Response missing = api().post(INBOX + "/no-such-notification/read", tokens.token(newcomer, "NEWCOMER"), "");

        for (Response response : List.of(stranger, coordinator, missing)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.isProblem()).as(response.toString()).isTrue();
        }
        assertThat(notification(event, newcomer).getBoolean("read")).isFalse();
    }

    @Test
    void markingReadIsIdempotentAndTheUnreadFilterLeavesItOut() {
        String newcomer = newId("n");
        String first = eventId();
        String second = eventId();
        String request = newId("r");
        deliverAll(
                new MatchRequestSubmitted(first, request, newcomer, now()),
                new MatchRequestWithdrawn(second, request, newcomer, now()));
        String token = tokens.token(newcomer, "NEWCOMER");
        String id = first + ".to." + newcomer;

        Response once = api().post(INBOX + "/" + id + "/read", token, "");
        Response twice = api().post(INBOX + "/" + id + "/read", token, "");

        assertThat(once.status()).as(once.toString()).isEqualTo(200);
        assertThat(once.json().get("read").asBoolean()).isTrue();
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.json().get("read").asBoolean()).isTrue();
        assertThat(ids(api().get(INBOX + "?unread=true", token).json())).containsExactly(second + ".to." + newcomer);
        JsonNode all = api().get(INBOX, token).json();
        assertThat(ids(all)).hasSize(2);
        assertThat(all.get("unread").asLong()).isEqualTo(1);
    }

    @Test
    void coordinatorsShareRoleWideAlertsButEachHasTheirOwnReadState() {
        String event = eventId();
        deliver(new UrgentSupportRequested(event, newId("n"), now()));
        String alert = event + ".to-coordinators";
        String first = tokens.token(newId("c"), "COORDINATOR");
        String second = tokens.token(newId("c"), "COORDINATOR");

        assertThat(ids(api().get(INBOX + "?unread=true&size=100", first).json()))
                .contains(alert);
        assertThat(api().post(INBOX + "/" + alert + "/read", first, "")
                        .json()
                        .get("read")
                        .asBoolean())
                .isTrue();

        assertThat(ids(api().get(INBOX + "?unread=true&size=100", first).json()))
                .doesNotContain(alert);
        assertThat(ids(api().get(INBOX + "?unread=true&size=100", second).json()))
                .contains(alert);
        String mentor = tokens.token(newId("m"), "MENTOR");
        assertThat(ids(api().get(INBOX + "?size=100", mentor).json())).doesNotContain(alert);
        assertThat(api().post(INBOX + "/" + alert + "/read", mentor, "").status())
                .isEqualTo(404);
    }

    @Test
    void pagesSplitTheInbox() {
        String mentor = newId("m");
        deliverAll(
                new ProposalExpired(eventId(), newId("r"), newId("n"), newId("pr"), mentor, now()),
                new ProposalExpired(eventId(), newId("r"), newId("n"), newId("pr"), mentor, now()),
                new ProposalExpired(eventId(), newId("r"), newId("n"), newId("pr"), mentor, now()));
        String token = tokens.token(mentor, "MENTOR");

        JsonNode firstPage = api().get(INBOX + "?page=0&size=2", token).json();
        JsonNode secondPage = api().get(INBOX + "?page=1&size=2", token).json();

        assertThat(ids(firstPage)).hasSize(2);
        assertThat(ids(secondPage)).hasSize(1);
        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(ids(firstPage)).doesNotContainAnyElementsOf(ids(secondPage));
    }

    @Test
    void badPagingIsA400ProblemNamingTheParameter() {
        String token = tokens.token(newId("n"), "NEWCOMER");
        assertNamesParameter(api().get(INBOX + "?page=-1", token), "page");
        assertNamesParameter(api().get(INBOX + "?page=abc", token), "page");
        assertNamesParameter(api().get(INBOX + "?size=0", token), "size");
        assertNamesParameter(api().get(INBOX + "?size=101", token), "size");
        assertNamesParameter(api().get(INBOX + "?unread=perhaps", token), "unread");
        assertThat(api().get(INBOX + "?size=100", token).status()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheInboxIsA401Problem() {
        Response anonymous = api().get(INBOX, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).as(anonymous.toString()).isTrue();
    }

    private static void assertNamesParameter(Response response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
