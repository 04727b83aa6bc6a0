package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class HistoryDocumentsTests {

    private static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");
    private static final List<String> LIVE_MENTORS = List.of("lr1-m0", "lr1-m1", "lr1-m2");

    private final HistoryDocuments history = new HistoryDocuments(NOW, LIVE_MENTORS);

    @Test
    void closedRequestsAreClosedInThePastAndHoldNothingOpen() {
        for (int i = 0; i < 300; i++) {
            Document request = history.closedRequest(i);

            assertThat(request.getString("status")).isIn("CLOSED", "WITHDRAWN");
            assertThat(request.getString("newcomerId")).startsWith(HistoryDocuments.NEWCOMER_PREFIX);
            assertThat(instant(request, "createdAt")).isBefore(NOW.minus(Duration.ofDays(6)));
            for (Document proposal : request.getList("proposals", Document.class)) {
                assertThat(proposal.getString("status")).isNotEqualTo("PENDING");
                assertThat(proposal.getString("mentorId")).isIn(LIVE_MENTORS);
                assertThat(instant(proposal, "decidedAt")).isBefore(NOW);
            }
            Document match = request.get("match", Document.class);
            if (request.getString("status").equals("CLOSED")) {
                assertThat(match.getString("status")).isEqualTo("ENDED");
                assertThat(instant(match, "endedAt"))
                        .isAfter(instant(match, "startedAt"))
                        .isBefore(NOW);
            } else {
                assertThat(match).isNull();
            }
            assertThat(HistoryDocuments.lock(request).get("openRequestId")).isNull();
            assertThat(request.get("dueAt")).isNull();
            assertThat(request.getDate("updatedAt")).isBefore(Date.from(NOW));
        }
    }

    @Test
    void openProposalsGoToMentorsOutsideThePoolAndAreDueInAYear() {
        Document request = history.openRequest(7);
        Document proposal = request.getList("proposals", Document.class).get(0);

        assertThat(request.getString("_id")).isEqualTo(HistoryDocuments.openRequestId(7));
        assertThat(request.getString("status")).isEqualTo("PROPOSED");
        assertThat(proposal.getString("status")).isEqualTo("PENDING");
        assertThat(proposal.getString("mentorId")).isEqualTo(HistoryDocuments.MENTOR_PREFIX + 1);
        assertThat(instant(proposal, "respondBy")).isAfter(NOW.plus(Duration.ofDays(300)));
        assertThat(instant(proposal, "remindAt")).isAfter(NOW.plus(Duration.ofDays(100)));
        assertThat(proposal.getBoolean("reminderSent")).isFalse();
        assertThat(request.getDate("dueAt")).isAfter(Date.from(NOW.plus(Duration.ofDays(100))));
        assertThat(request.getList("triedMentorIds", String.class)).containsExactly(proposal.getString("mentorId"));
        assertThat(HistoryDocuments.lock(request).getString("openRequestId")).isEqualTo(request.getString("_id"));
    }

    @Test
    void anOutsideMentorsSlotsAreAllHeldByTheirOpenProposals() {
        List<Document> theirs = new ArrayList<>();
        for (int i = 0; i < HistoryDocuments.HOLDS_PER_MENTOR; i++) {
            theirs.add(history.openRequest(i));
        }

        Document slots = HistoryDocuments.mentorSlots(HistoryDocuments.openMentorId(0), theirs);

        assertThat(slots.getInteger("free")).isZero();
        assertThat(slots.getDate("changedAt")).isBefore(Date.from(NOW));
        assertThat(slots.getList("holds", Document.class))
                .extracting(hold -> hold.getString("id"))
                .containsExactly("r-hist-o0-p1", "r-hist-o1-p1", "r-hist-o2-p1", "r-hist-o3-p1", "r-hist-o4-p1");
    }

    @Test
    void eachRequestLeavesOneNotificationInItsMentorsOrNewcomersInbox() {
        Document open = history.openRequest(0);
        Document notification = HistoryDocuments.notification(open);

        assertThat(notification.getString("type")).isEqualTo("PROPOSAL_RECEIVED");
        assertThat(notification.getString("recipientId")).isEqualTo(HistoryDocuments.openMentorId(0));
        assertThat(notification.getString("_id")).endsWith(".to." + HistoryDocuments.openMentorId(0));
        assertThat(notification.getDate("createdAt")).isBefore(Date.from(NOW));
        assertThat(notification.getList("people", String.class)).contains(open.getString("newcomerId"));
    }

    @Test
    void theSameIndexGivesTheSameDocument() {
        assertThat(history.closedRequest(42)).isEqualTo(history.closedRequest(42));
        assertThat(HistoryDocuments.notification(history.closedRequest(42)))
                .isEqualTo(HistoryDocuments.notification(history.closedRequest(42)));
    }

    private static Instant instant(Document document, String field) {
        return Instant.parse(document.getString(field));
    }
}
