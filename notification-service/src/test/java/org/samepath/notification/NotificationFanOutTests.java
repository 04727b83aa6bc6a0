package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchPaused;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.MatchRequestWithdrawn;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.matching.ProposalReminderDue;
import org.samepath.contracts.matching.ProposalWithdrawn;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** Each lifecycle event tells exactly the people it concerns, in plain words and without recovery details. */
class NotificationFanOutTests extends NotificationTestContext {

    private final String newcomer = newId("n");
    private final String mentor = newId("m");
    private final String request = newId("r");
    private final String proposal = newId("pr");
    private final String match = newId("ma");

    @Test
    void aSubmittedRequestTellsTheNewcomerTheSearchHasStarted() {
        String event = eventId();
        deliver(new MatchRequestSubmitted(event, request, newcomer, now()));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "REQUEST_RECEIVED"));
        Document notification = notification(event, newcomer);
        assertThat(notification.getString("title")).isEqualTo("We're looking for a mentor for you");
        assertThat(notification.getString("requestId")).isEqualTo(request);
        assertThat(notification.getList("people", String.class)).containsExactly(newcomer);
        assertThat(notification.getBoolean("read")).isFalse();
    }

    @Test
    void aProposalAsksTheMentorToAnswerByTheDeadlineAndTellsTheNewcomerToWait() {
        String event = eventId();
        Instant respondBy = Instant.parse("2031-05-02T14:00:00Z");
        deliver(new MentorProposed(
                event,
                request,
                newcomer,
                proposal,
                mentor,
                now(),
                87,
                List.of("both in recovery from alcohol use", "both speak Spanish"),
                respondBy));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(mentor, "PROPOSAL_RECEIVED", newcomer, "MENTOR_PROPOSED"));
        Document toMentor = notification(event, mentor);
        assertThat(toMentor.getString("title")).isEqualTo("New mentor proposal");
        assertThat(toMentor.getString("body")).contains("Friday 2 May 2031, 14:00 UTC");
        assertThat(toMentor.getString("proposalId")).isEqualTo(proposal);
        assertThat(toMentor.getList("people", String.class)).containsExactlyInAnyOrder(mentor, newcomer);
        assertThat(notification(event, newcomer).getString("body")).contains("waiting for their answer");
        assertThat(toMentor.toJson() + notification(event, newcomer).toJson())
                .doesNotContain("alcohol", "Spanish", "recovery");
    }

    @Test
    void aReminderGoesToTheMentorOnly() {
        String event = eventId();
        deliver(new ProposalReminderDue(
                event, request, newcomer, proposal, mentor, now(), Instant.parse("2031-05-02T14:00:00Z")));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(mentor, "PROPOSAL_REMINDER"));
        assertThat(notification(event, mentor).getString("body")).contains("by Friday 2 May 2031, 14:00 UTC");
    }

    @Test
    void acceptanceGivesEachOfThemTheOthersAgreedContact() {
        contactPoint(newcomer, "Nia Newcomer", newcomer + "@example.org", false);
        contactPoint(mentor, "Marco Mentor", mentor + "@example.org", false);
        String event = eventId();
        deliver(new ProposalAccepted(event, request, newcomer, proposal, mentor, now(), match));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(mentor, "MATCH_STARTED", newcomer, "MATCH_STARTED"));
        Document toMentor = notification(event, mentor);
        assertThat(toMentor.getString("body")).contains("Nia Newcomer", newcomer + "@example.org");
        assertThat(toMentor.get("contact", Document.class))
                .containsEntry("personId", newcomer)
                .containsEntry("displayName", "Nia Newcomer");
        assertThat(toMentor.getString("matchId")).isEqualTo(match);
        Document toNewcomer = notification(event, newcomer);
        assertThat(toNewcomer.getString("body")).contains("Marco Mentor", mentor + "@example.org");
        assertThat(toNewcomer.getList("people", String.class)).containsExactlyInAnyOrder(newcomer, mentor);
    }

    @Test
    void acceptanceWithoutAContactPointSaysSoInsteadOfFailing() {
        contactPoint(newcomer, "Nia", newcomer + "@example.org", false);
        String event = eventId();
        deliver(new ProposalAccepted(event, request, newcomer, proposal, mentor, now(), match));

        assertThat(notification(event, newcomer).getString("body")).contains("contact details are not available");
        assertThat(notification(event, newcomer).get("contact")).isNull();
        assertThat(notification(event, mentor).getString("body")).contains("Nia");
    }

    @Test
    void aDeclineTellsOnlyTheNewcomerAndNeverWhoDeclined() {
        String event = eventId();
        deliver(new ProposalDeclined(event, request, newcomer, proposal, mentor, now(), "no capacity right now"));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "SEARCH_CONTINUES"));
        assertThat(notification(event, newcomer).toJson()).doesNotContain(mentor, "capacity");
    }

    @Test
    void anExpiryTellsTheNewcomerTheSearchContinuesAndTheMentorItExpired() {
        String event = eventId();
        deliver(new ProposalExpired(event, request, newcomer, proposal, mentor, now()));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "SEARCH_CONTINUES", mentor, "PROPOSAL_EXPIRED"));
        assertThat(notification(event, newcomer).toJson()).doesNotContain(mentor);
    }

    @Test
    void aWithdrawnProposalTellsTheMentor() {
        String event = eventId();
        deliver(new ProposalWithdrawn(event, request, newcomer, proposal, mentor, now(), "REQUEST_WITHDRAWN"));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(mentor, "PROPOSAL_WITHDRAWN"));
    }

    @Test
    void aWaitlistedRequestReassuresTheNewcomerAndAlertsCoordinatorsWithTheReasons() {
        String event = eventId();
        deliver(new MatchRequestWaitlisted(
                event, request, newcomer, now(), List.of("no approved mentor speaks Amharic", "all mentors full")));

        assertThat(typesByAddressee(event))
                .isEqualTo(Map.of(newcomer, "STILL_LOOKING", "COORDINATORS", "WAITLIST_ALERT"));
        Document alert = coordinatorAlert(event);
        assertThat(alert.getString("body")).contains(request, "no approved mentor speaks Amharic", "all mentors full");
        assertThat(alert.getList("people", String.class)).containsExactly(newcomer);
        assertThat(notification(event, newcomer).getString("body")).doesNotContain("Amharic");
    }

    @Test
    void aWithdrawnRequestIsConfirmedToTheNewcomer() {
        String event = eventId();
        deliver(new MatchRequestWithdrawn(event, request, newcomer, now()));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "REQUEST_WITHDRAWN"));
    }

    @Test
    void anEndedOrPausedMatchTellsBothPeople() {
        String ended = eventId();
        String paused = eventId();
        deliverAll(
                new MatchPaused(paused, request, newcomer, match, mentor, now(), "coordinator-1"),
                new MatchEnded(ended, request, newcomer, match, mentor, now(), newcomer, "not a good fit", true));

        assertThat(typesByAddressee(paused)).isEqualTo(Map.of(newcomer, "MATCH_PAUSED", mentor, "MATCH_PAUSED"));
        assertThat(typesByAddressee(ended)).isEqualTo(Map.of(newcomer, "MATCH_ENDED", mentor, "MATCH_ENDED"));
        assertThat(notification(ended, newcomer).getString("body")).contains("looking for a new mentor");
        assertThat(notification(ended, mentor).toJson()).doesNotContain("not a good fit");
    }

    @Test
    void urgentSupportAlertsCoordinatorsAndNeverTheMentor() {
        deliver(new ProposalAccepted(eventId(), request, newcomer, proposal, mentor, now(), match));
        String event = eventId();
        deliver(new UrgentSupportRequested(event, newcomer, now()));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of("COORDINATORS", "URGENT_SUPPORT"));
        assertThat(notifications().countDocuments(new Document("recipientId", mentor).append("type", "URGENT_SUPPORT")))
                .isZero();
        assertThat(inboxOf(mentor, "MENTOR").toString()).doesNotContain("URGENT_SUPPORT");

        JsonNode coordinatorInbox = inboxOf(newId("c"), "COORDINATOR");
        assertThat(coordinatorInbox.toString()).contains(event + ".to-coordinators");
        assertThat(coordinatorAlert(event).getString("body")).contains(newcomer);
    }

    @Test
    void aReportAlertsCoordinatorsAboutBothPeople() {
        String event = eventId();
        String report = newId("rep");
        deliver(new PersonReported(event, report, newcomer, mentor, now(), false));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of("COORDINATORS", "PERSON_REPORTED"));
        Document alert = coordinatorAlert(event);
        assertThat(alert.getString("reportId")).isEqualTo(report);
        assertThat(alert.getList("people", String.class)).containsExactlyInAnyOrder(newcomer, mentor);
    }

    private JsonNode inboxOf(String personId, String role) {
        Response response = api().get("/api/v1/notifications?size=100", tokens.token(personId, role));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
