package org.samepath.notification.announce;

import static org.samepath.notification.inbox.NotificationDraft.toCoordinators;
import static org.samepath.notification.inbox.NotificationDraft.toPerson;

import java.util.List;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchPaused;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.MatchRequestWithdrawn;
import org.samepath.notification.inbox.NotificationDraft;
import org.samepath.notification.inbox.NotificationDraft.Related;
import org.samepath.notification.inbox.NotificationType;

/**
 * Who hears what as a request and its match go on: progress to the newcomer, the waitlist (with its blocking reasons)
 * to coordinators, an ended or paused match to both people. Never the reason someone gave for ending a match.
 */
final class RequestAnnouncements {

    List<NotificationDraft> of(MatchRequestSubmitted event) {
        return List.of(toPerson(
                event.newcomerId(),
                NotificationType.REQUEST_RECEIVED,
                "We're looking for a mentor for you",
                "Thank you for asking. We're looking for a mentor who fits what you asked for, and we'll let you know"
                        + " as soon as one is proposed.",
                Related.request(event.requestId())));
    }

    List<NotificationDraft> of(MatchRequestWaitlisted event) {
        List<String> reasons = event.blockingReasons() == null ? List.of() : event.blockingReasons();
        return List.of(
                toPerson(
                        event.newcomerId(),
                        NotificationType.STILL_LOOKING,
                        "We're still looking for your mentor",
                        "No mentor who fits what you asked for is free right now. Your request stays open, and we'll"
                                + " propose a mentor as soon as one becomes available.",
                        Related.request(event.requestId())),
                toCoordinators(
                        NotificationType.WAITLIST_ALERT,
                        "A match request is waitlisted",
                        "Match request " + event.requestId() + " of newcomer " + event.newcomerId()
                                + " is waiting for a mentor. "
                                + (reasons.isEmpty()
                                        ? "No blocking reason was given."
                                        : "Blocking reasons: " + String.join("; ", reasons) + "."),
                        Related.request(event.requestId()),
                        event.newcomerId()));
    }

    List<NotificationDraft> of(MatchRequestWithdrawn event) {
        return List.of(toPerson(
                event.newcomerId(),
                NotificationType.REQUEST_WITHDRAWN,
                "Your request was withdrawn",
                "You withdrew your request for a mentor. You can ask again at any time.",
                Related.request(event.requestId())));
    }

    List<NotificationDraft> of(MatchEnded event) {
        Related related = Related.match(event.requestId(), null, event.matchId());
        String newcomerBody = event.rematchRequested()
                ? "Your match has ended. We're looking for a new mentor for you."
                : "Your match has ended. You can ask for a mentor again at any time.";
        return List.of(
                toPerson(
                        event.newcomerId(),
                        NotificationType.MATCH_ENDED,
                        "Your match has ended",
                        newcomerBody,
                        related),
                toPerson(
                        event.mentorId(),
                        NotificationType.MATCH_ENDED,
                        "Your match has ended",
                        "One of your matches has ended. Thank you for the support you gave.",
                        related));
    }

    List<NotificationDraft> of(MatchPaused event) {
        Related related = Related.match(event.requestId(), null, event.matchId());
        String body = "A coordinator has paused your match for now. They will be in touch with you.";
        return List.of(
                toPerson(event.newcomerId(), NotificationType.MATCH_PAUSED, "Your match is paused", body, related),
                toPerson(event.mentorId(), NotificationType.MATCH_PAUSED, "Your match is paused", body, related));
    }
}
