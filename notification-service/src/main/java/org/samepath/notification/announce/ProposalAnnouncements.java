package org.samepath.notification.announce;

import static org.samepath.notification.inbox.NotificationDraft.toPerson;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.matching.ProposalReminderDue;
import org.samepath.contracts.matching.ProposalWithdrawn;
import org.samepath.notification.inbox.NotificationDraft;
import org.samepath.notification.inbox.NotificationDraft.Related;
import org.samepath.notification.inbox.NotificationDraft.SharedContact;
import org.samepath.notification.inbox.NotificationType;

/**
 * Who hears what as a proposal runs its course. The mentor learns of a proposal and its deadline, never the match
 * reasons (they name recovery details); the newcomer never learns who declined; on acceptance each gets the other's
 * agreed contact. Plain Java: the contact lookup is all it is given.
 */
final class ProposalAnnouncements {

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern(
                    "EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Function<String, Optional<SharedContact>> contacts;

    ProposalAnnouncements(Function<String, Optional<SharedContact>> contacts) {
        this.contacts = contacts;
    }

    List<NotificationDraft> of(MentorProposed event) {
        Related related = Related.proposal(event.requestId(), event.proposalId());
        return List.of(
                toPerson(
                        event.mentorId(),
                        NotificationType.PROPOSAL_RECEIVED,
                        "New mentor proposal",
                        "You have been proposed as the mentor of a newcomer. Please review the proposal and accept or"
                                + " decline it by " + deadline(event.respondBy()) + ".",
                        related,
                        event.newcomerId()),
                toPerson(
                        event.newcomerId(),
                        NotificationType.MENTOR_PROPOSED,
                        "A mentor has been proposed",
                        "We've proposed a mentor for you and are waiting for their answer. We'll tell you as soon as"
                                + " they reply.",
                        related));
    }

    List<NotificationDraft> of(ProposalReminderDue event) {
        return List.of(toPerson(
                event.mentorId(),
                NotificationType.PROPOSAL_REMINDER,
                "Reminder: a mentor proposal is waiting for you",
                "A newcomer is waiting for your answer. Please accept or decline the proposal by "
                        + deadline(event.respondBy()) + ".",
                Related.proposal(event.requestId(), event.proposalId()),
                event.newcomerId()));
    }

    List<NotificationDraft> of(ProposalAccepted event) {
        Related related = Related.match(event.requestId(), event.proposalId(), event.matchId());
        Optional<SharedContact> newcomer = contacts.apply(event.newcomerId());
        Optional<SharedContact> mentor = contacts.apply(event.mentorId());
        NotificationDraft toMentor = toPerson(
                event.mentorId(),
                NotificationType.MATCH_STARTED,
                "You have a new mentee",
                "You accepted the proposal and your match has started. " + reach(newcomer),
                related,
                event.newcomerId());
        NotificationDraft toNewcomer = toPerson(
                event.newcomerId(),
                NotificationType.MATCH_STARTED,
                "You have a mentor",
                "Your proposed mentor accepted and your match has started. " + reach(mentor),
                related,
                event.mentorId());
        return List.of(
                newcomer.map(toMentor::withContact).orElse(toMentor),
                mentor.map(toNewcomer::withContact).orElse(toNewcomer));
    }

    List<NotificationDraft> of(ProposalDeclined event) {
        return List.of(searchContinues(event.newcomerId(), Related.proposal(event.requestId(), event.proposalId())));
    }

    List<NotificationDraft> of(ProposalExpired event) {
        Related related = Related.proposal(event.requestId(), event.proposalId());
        return List.of(
                searchContinues(event.newcomerId(), related),
                toPerson(
                        event.mentorId(),
                        NotificationType.PROPOSAL_EXPIRED,
                        "A mentor proposal has expired",
                        "The time to answer a mentor proposal has passed, so we're looking for another mentor for that"
                                + " newcomer. No action is needed.",
                        related));
    }

    List<NotificationDraft> of(ProposalWithdrawn event) {
        return List.of(toPerson(
                event.mentorId(),
                NotificationType.PROPOSAL_WITHDRAWN,
                "A mentor proposal was withdrawn",
                "A mentor proposal sent to you has been withdrawn. No action is needed.",
                Related.proposal(event.requestId(), event.proposalId())));
    }

    /** To the newcomer after a decline or expiry: the search goes on, and nothing says who did not answer yes. */
    private static NotificationDraft searchContinues(String newcomerId, Related related) {
        return toPerson(
                newcomerId,
                NotificationType.SEARCH_CONTINUES,
                "We're still looking for your mentor",
                "The proposed mentor isn't able to take you on, so we're looking for another mentor for you.",
                related);
    }

    private static String reach(Optional<SharedContact> contact) {
        if (contact.isEmpty() || contact.get().email() == null) {
            return "Their contact details are not available yet; a coordinator can put you in touch.";
        }
        String name = contact.get().displayName() == null
                ? "Your match"
                : contact.get().displayName();
        return "You can reach " + name + " at " + contact.get().email() + ".";
    }

    private static String deadline(Instant respondBy) {
        return respondBy == null ? "the deadline" : DEADLINE.format(respondBy);
    }
}
