package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;

/** Email goes through real SMTP to those who opted in, once per notification, and never names a recovery detail. */
class EmailDeliveryTests extends NotificationTestContext {

    /** Words that would reveal what someone is recovering from, or how. None may appear in an email. */
    static final List<String> RECOVERY_WORDS = List.of(
            "alcohol",
            "opioid",
            "substance",
            "recovery",
            "anxiety",
            "depression",
            "ptsd",
            "trauma",
            "twelve",
            "pathway",
            "relapse",
            "addiction",
            "sober",
            "mental",
            "gambling",
            "cannabis",
            "stimulant",
            "bipolar",
            "grief",
            "combat",
            "medication",
            "urgent",
            "crisis",
            "proposal",
            "mentor");

    @Test
    void anOptedInPersonGetsExactlyOneNeutralEmailPerNotification() {
        String newcomer = newId("n");
        String mentor = newId("m");
        String newcomerEmail = newcomer + "@example.org";
        contactPoint(newcomer, "Nia Secretname", newcomerEmail, true);
        contactPoint(mentor, "Marco", mentor + "@example.org", false);
        String proposed = eventId();
        String declined = eventId();
        String request = newId("r");
        deliverAll(
                new MentorProposed(
                        proposed,
                        request,
                        newcomer,
                        newId("pr"),
                        mentor,
                        now(),
                        90,
                        List.of("both in recovery from alcohol use", "both follow substance:alcohol"),
                        Instant.parse("2031-05-02T14:00:00Z")),
                new ProposalDeclined(declined, request, newcomer, newId("pr"), mentor, now(), "mental-health:ptsd"));

        List<String> expected = List.of(proposed + ".to." + newcomer, declined + ".to." + newcomer);
        List<CaughtMessage> emails =
                await().atMost(PROPAGATION).until(() -> caughtFor(newcomerEmail), caught -> caught.size() >= 2);

        assertThat(emails)
                .extracting(CaughtMessage::messageId)
                .containsExactlyInAnyOrder(
                        "<" + expected.get(0) + "@notifications.samepath>",
                        "<" + expected.get(1) + "@notifications.samepath>");
        assertThat(emails).allSatisfy(email -> {
            assertThat(email.subject()).isEqualTo("Samepath: you have a new message");
            assertThat(email.text().trim()).isEqualTo("You have a new message on Samepath. Sign in to read it.");
            assertNothingRevealing(email, "Nia", "Secretname", mentor, "Marco");
        });
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(statusesOf(expected)).containsExactly("SENT", "SENT"));
        assertThat(caughtFor(newcomerEmail)).hasSize(2);
    }

    @Test
    void someoneWhoDidNotOptInGetsNoEmail() {
        String newcomer = newId("n");
        String mentor = newId("m");
        contactPoint(newcomer, "Nia", newcomer + "@example.org", true);
        contactPoint(mentor, "Marco", mentor + "@example.org", false);
        String accepted = eventId();

        deliver(new ProposalAccepted(accepted, newId("r"), newcomer, newId("pr"), mentor, now(), newId("ma")));

        assertThat(outgoingEmails().countDocuments(new Document("recipientId", mentor)))
                .isZero();
        await().atMost(PROPAGATION)
                .until(() -> caughtFor(newcomer + "@example.org").size() == 1);
        assertThat(caughtFor(mentor + "@example.org")).isEmpty();
        assertThat(notification(accepted, mentor)).as("still told in the app").isNotNull();
    }

    @Test
    void someoneWithoutAContactPointGetsNoEmail() {
        String mentor = newId("m");
        String event = eventId();

        deliver(new ProposalDeclined(event, newId("r"), newId("n"), newId("pr"), mentor, now(), "busy"));

        assertThat(outgoingEmails().countDocuments(new Document("people", mentor)))
                .isZero();
    }

    @Test
    void coordinatorAlertsAreEmailedToTheCoordinatorAddresses() {
        String newcomer = newId("n");
        String event = eventId();

        deliver(new UrgentSupportRequested(event, newcomer, now()));

        CaughtMessage email = await().atMost(PROPAGATION)
                .until(
                        () -> smtp.messages().stream()
                                .filter(message -> message.messageId().contains(event + ".to-coordinators"))
                                .toList(),
                        caught -> caught.size() == 1)
                .get(0);
        assertThat(email.recipients()).containsExactly(COORDINATOR_EMAIL);
        assertThat(email.subject()).isEqualTo("Samepath: you have a new message");
        assertNothingRevealing(email, newcomer);
    }

    private static void assertNothingRevealing(CaughtMessage email, String... alsoAbsent) {
        String text = (email.subject() + "\n" + email.text()).toLowerCase(Locale.ROOT);
        assertThat(text).doesNotContain(RECOVERY_WORDS);
        assertThat(text).as("no vocabulary tag such as substance:alcohol").doesNotContainPattern("[a-z-]+:[a-z-]+");
        for (String absent : alsoAbsent) {
            assertThat(text).doesNotContain(absent.toLowerCase(Locale.ROOT));
        }
    }

    private static List<CaughtMessage> caughtFor(String address) {
        return smtp.messages().stream()
                .filter(message -> message.recipients().contains(address))
                .toList();
    }

    private List<String> statusesOf(List<String> ids) {
        return ids.stream()
                .map(id -> outgoingEmails().find(new Document("_id", id)).first())
                .map(email -> email == null ? "MISSING" : email.getString("status"))
                .toList();
    }
}
