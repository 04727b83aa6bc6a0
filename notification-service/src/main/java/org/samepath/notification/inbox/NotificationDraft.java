package org.samepath.notification.inbox;

import java.util.List;
import java.util.Objects;

/**
 * A notification before it is stored: to one person ({@code recipientId}) or to a role-wide inbox ({@code audience}),
 * in plain words, with the ids it relates to and every person id it mentions ({@code people}, the recipient included),
 * so that erasing any of them removes it.
 */
public record NotificationDraft(
        String recipientId,
        String audience,
        NotificationType type,
        String title,
        String body,
        Related related,
        SharedContact contact,
        List<String> people) {

    /** The role-wide inbox every coordinator sees. */
    public static final String COORDINATORS = "COORDINATORS";

    public NotificationDraft {
        if ((recipientId == null) == (audience == null)) {
            throw new IllegalArgumentException("A notification goes to one person or to one audience");
        }
        Objects.requireNonNull(type);
        Objects.requireNonNull(title);
        Objects.requireNonNull(body);
        related = related == null ? Related.NONE : related;
        people = List.copyOf(people);
    }

    public static NotificationDraft toPerson(
            String recipientId, NotificationType type, String title, String body, Related related, String... others) {
        return new NotificationDraft(
                recipientId, null, type, title, body, related, null, peopleOf(recipientId, others));
    }

    public static NotificationDraft toCoordinators(
            NotificationType type, String title, String body, Related related, String... mentioned) {
        return new NotificationDraft(null, COORDINATORS, type, title, body, related, null, peopleOf(null, mentioned));
    }

    public NotificationDraft withContact(SharedContact sharedContact) {
        return new NotificationDraft(recipientId, audience, type, title, body, related, sharedContact, people);
    }

    /** The natural key: one notification per event per recipient (or audience), whatever the redeliveries. */
    public String idFor(String eventId) {
        return recipientId != null ? eventId + ".to." + recipientId : eventId + ".to-" + audience.toLowerCase();
    }

    private static List<String> peopleOf(String recipientId, String... others) {
        java.util.LinkedHashSet<String> people = new java.util.LinkedHashSet<>();
        if (recipientId != null) {
            people.add(recipientId);
        }
        for (String other : others) {
            if (other != null) {
                people.add(other);
            }
        }
        return List.copyOf(people);
    }

    /** The aggregates a notification relates to; any may be absent. */
    public record Related(String requestId, String proposalId, String matchId, String reportId) {
        public static final Related NONE = new Related(null, null, null, null);

        public static Related request(String requestId) {
            return new Related(requestId, null, null, null);
        }

        public static Related proposal(String requestId, String proposalId) {
            return new Related(requestId, proposalId, null, null);
        }

        public static Related match(String requestId, String proposalId, String matchId) {
            return new Related(requestId, proposalId, matchId, null);
        }

        public static Related report(String reportId) {
            return new Related(null, null, null, reportId);
        }
    }

    /** The agreed contact of the other person, shared once a match starts. */
    public record SharedContact(String personId, String displayName, String email) {}
}
