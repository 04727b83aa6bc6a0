package org.samepath.notification.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.samepath.notification.inbox.NotificationDraft;
import org.samepath.notification.inbox.NotificationDraft.SharedContact;

/** The wording and addressing rules of every announcement, as plain Java. */
class AnnouncementsTests {

    private static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2030-01-04T10:00:00Z");
    private static final List<String> TAG_WORDS = List.of(
            "alcohol",
            "opioid",
            "substance",
            "anxiety",
            "depression",
            "ptsd",
            "trauma",
            "twelve",
            "pathway",
            "relapse",
            "gambling",
            "veteran",
            "secular");

    private final RequestAnnouncements requests = new RequestAnnouncements();
    private final SafetyAlerts safety = new SafetyAlerts();
    private final ProposalAnnouncements proposals = new ProposalAnnouncements(personId -> switch (personId) {
        case "nina" -> Optional.of(new SharedContact("nina", "Nina", "nina@example.org"));
        case "marco" -> Optional.of(new SharedContact("marco", "Marco", "marco@example.org"));
        default -> Optional.empty();
    });

    @Test
    void everyEventIsAddressedToThePeopleItConcerns() {
        assertThat(addressees(requests.of(new MatchRequestSubmitted("e", "r", "nina", AT))))
                .containsExactly("nina");
        assertThat(addressees(proposals.of(proposed()))).containsExactly("marco", "nina");
        assertThat(addressees(proposals.of(new ProposalReminderDue("e", "r", "nina", "p", "marco", AT, DEADLINE))))
                .containsExactly("marco");
        assertThat(addressees(proposals.of(new ProposalAccepted("e", "r", "nina", "p", "marco", AT, "m"))))
                .containsExactly("marco", "nina");
        assertThat(addressees(proposals.of(new ProposalDeclined("e", "r", "nina", "p", "marco", AT, "why"))))
                .containsExactly("nina");
        assertThat(addressees(proposals.of(new ProposalExpired("e", "r", "nina", "p", "marco", AT))))
                .containsExactly("nina", "marco");
        assertThat(addressees(proposals.of(new ProposalWithdrawn("e", "r", "nina", "p", "marco", AT, "why"))))
                .containsExactly("marco");
        assertThat(addressees(requests.of(new MatchRequestWaitlisted("e", "r", "nina", AT, List.of("none")))))
                .containsExactly("nina", "COORDINATORS");
        assertThat(addressees(requests.of(new MatchRequestWithdrawn("e", "r", "nina", AT))))
                .containsExactly("nina");
        assertThat(addressees(requests.of(new MatchEnded("e", "r", "nina", "m", "marco", AT, "nina", "x", false))))
                .containsExactly("nina", "marco");
        assertThat(addressees(requests.of(new MatchPaused("e", "r", "nina", "m", "marco", AT, "c"))))
                .containsExactly("nina", "marco");
        assertThat(addressees(safety.of(new UrgentSupportRequested("e", "nina", AT))))
                .containsExactly("COORDINATORS");
        assertThat(addressees(safety.of(new PersonReported("e", "rep", "nina", "marco", AT, false))))
                .containsExactly("COORDINATORS");
    }

    @Test
    void noTextCarriesATagAReasonOrWhoDeclined() {
        List<NotificationDraft> drafts = new ArrayList<>();
        drafts.addAll(proposals.of(proposed()));
        drafts.addAll(proposals.of(new ProposalDeclined("e", "r", "nina", "p", "marco", AT, "trauma:combat")));
        drafts.addAll(proposals.of(new ProposalExpired("e", "r", "nina", "p", "marco", AT)));
        drafts.addAll(requests.of(new MatchEnded("e", "r", "nina", "m", "marco", AT, "nina", "relapse", true)));
        drafts.addAll(proposals.of(new ProposalWithdrawn("e", "r", "nina", "p", "marco", AT, "anxiety")));

        for (NotificationDraft draft : drafts) {
            String text = (draft.title() + " " + draft.body()).toLowerCase(Locale.ROOT);
            assertThat(text).as(draft.toString()).doesNotContain(TAG_WORDS);
            if (!draft.people().contains("marco")) {
                assertThat(text).as(draft.toString()).doesNotContain("marco");
            }
        }
        NotificationDraft declineToNewcomer = proposals
                .of(new ProposalDeclined("e", "r", "nina", "p", "marco", AT, "x"))
                .get(0);
        assertThat(declineToNewcomer.people()).containsExactly("nina");
    }

    @Test
    void acceptanceSharesTheOthersContactOrSaysItIsMissing() {
        Map<String, NotificationDraft> byRecipient =
                byRecipient(proposals.of(new ProposalAccepted("e", "r", "nina", "p", "marco", AT, "m")));
        assertThat(byRecipient.get("marco").contact()).isEqualTo(new SharedContact("nina", "Nina", "nina@example.org"));
        assertThat(byRecipient.get("nina").body()).contains("Marco", "marco@example.org");

        Map<String, NotificationDraft> missing =
                byRecipient(proposals.of(new ProposalAccepted("e", "r", "nina", "p", "ghost", AT, "m")));
        assertThat(missing.get("nina").contact()).isNull();
        assertThat(missing.get("nina").body()).contains("not available yet");
    }

    @Test
    void coordinatorAlertsCarryWhatCoordinatorsNeed() {
        NotificationDraft waitlist = requests.of(
                        new MatchRequestWaitlisted("e", "r-1", "nina", AT, List.of("no mentor speaks Amharic")))
                .get(1);
        assertThat(waitlist.audience()).isEqualTo(NotificationDraft.COORDINATORS);
        assertThat(waitlist.body()).contains("r-1", "nina", "no mentor speaks Amharic");
        assertThat(waitlist.idFor("e")).isEqualTo("e.to-coordinators");

        NotificationDraft urgent =
                safety.of(new UrgentSupportRequested("e", "nina", AT)).get(0);
        assertThat(urgent.people()).containsExactly("nina");
        assertThat(urgent.recipientId()).isNull();
    }

    @Test
    void aPersonCalledLikeTheRoleWideInboxDoesNotShareItsKey() {
        NotificationDraft toPerson = requests.of(new MatchRequestWaitlisted("e", "r", "coordinators", AT, List.of()))
                .get(0);
        NotificationDraft toRole = requests.of(new MatchRequestWaitlisted("e", "r", "coordinators", AT, List.of()))
                .get(1);
        assertThat(toPerson.idFor("e")).isNotEqualTo(toRole.idFor("e"));
    }

    private static MentorProposed proposed() {
        return new MentorProposed(
                "e", "r", "nina", "p", "marco", AT, 90, List.of("both in recovery from alcohol use"), DEADLINE);
    }

    private static List<String> addressees(List<NotificationDraft> drafts) {
        return drafts.stream()
                .map(draft -> draft.recipientId() != null ? draft.recipientId() : draft.audience())
                .toList();
    }

    private static Map<String, NotificationDraft> byRecipient(List<NotificationDraft> drafts) {
        Map<String, NotificationDraft> map = new java.util.HashMap<>();
        drafts.forEach(draft -> map.put(draft.recipientId(), draft));
        return map;
    }
}
