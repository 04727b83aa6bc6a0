package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalWithdrawn;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;
import org.samepath.testsupport.DatabaseScan;

/** After a contact-points tombstone, nothing in the notification database names the person any more. */
class ErasureTests extends NotificationTestContext {

    private final String newcomer = newId("n");
    private final String mentor = newId("m");
    private final String name = "Zelda " + newId("Unique");
    private final String email = newcomer + "@erase.example.org";

    @Test
    void aTombstoneRemovesEveryTraceOfThePersonsIdNameAndEmail() {
        contactPoint(newcomer, name, email, true);
        contactPoint(mentor, "Marco", mentor + "@example.org", true);
        String request = newId("r");
        String unrelated = eventId();
        deliverAll(
                new MatchRequestSubmitted(eventId(), request, newcomer, now()),
                new MentorProposed(
                        eventId(), request, newcomer, newId("pr"), mentor, now(), 80, List.of("x"), Instant.now()),
                new ProposalAccepted(eventId(), request, newcomer, newId("pr"), mentor, now(), newId("ma")),
                new MatchRequestWaitlisted(eventId(), newId("r"), newcomer, now(), List.of("all mentors full")),
                new UrgentSupportRequested(eventId(), newcomer, now()),
                new PersonReported(eventId(), newId("rep"), mentor, newcomer, now(), false),
                new MatchRequestSubmitted(unrelated, newId("r"), mentor, now()));
        await().atMost(PROPAGATION)
                .until(() -> outgoingEmails().countDocuments(new Document("people", newcomer).append("status", "SENT"))
                        == 9);
        assertThat(traces()).as("the scan finds the person before erasure").isNotEmpty();

        eraseContactPoint(newcomer);

        assertThat(traces()).isEmpty();
        assertThat(DatabaseScan.countDocuments(mongoClient, List.of(DATABASE)))
                .as("the scan looked at something")
                .isPositive();
        assertThat(notification(unrelated, mentor))
                .as("the mentor keeps what is theirs alone")
                .isNotNull();
    }

    @Test
    void eventsArrivingAfterTheErasureDoNotBringThePersonBack() {
        contactPoint(newcomer, name, email, true);
        eraseContactPoint(newcomer);
        String request = newId("r");
        String withdrawn = eventId();
        String ended = eventId();

        deliverAll(
                new ProposalWithdrawn(withdrawn, request, newcomer, newId("pr"), mentor, now(), "ERASURE"),
                new MatchEnded(ended, request, newcomer, newId("ma"), mentor, now(), newcomer, "erasure", false),
                new UrgentSupportRequested(eventId(), newcomer, now()));

        assertThat(traces()).isEmpty();
        assertThat(typesByAddressee(withdrawn)).isEqualTo(Map.of(mentor, "PROPOSAL_WITHDRAWN"));
        assertThat(typesByAddressee(ended)).isEqualTo(Map.of(mentor, "MATCH_ENDED"));
    }

    @Test
    void someoneWhoSignsUpAgainIsToldAgain() {
        contactPoint(newcomer, name, email, true);
        eraseContactPoint(newcomer);
        contactPoint(newcomer, name, email, true);
        String event = eventId();

        deliver(new MatchRequestSubmitted(event, newId("r"), newcomer, now()));

        assertThat(typesByAddressee(event)).isEqualTo(Map.of(newcomer, "REQUEST_RECEIVED"));
    }

    private List<String> traces() {
        return DatabaseScan.documentsMentioning(mongoClient, List.of(DATABASE), newcomer, name, email);
    }
}
