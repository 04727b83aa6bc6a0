package org.samepath.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.contracts.safety.UrgentSupportRequested;

/** Every event type Samepath publishes. A type missing here cannot be published or consumed. */
public final class EventCatalog {

    public static final EventType<MatchableProfileChanged> MATCHABLE_PROFILE_CHANGED =
            type("org.samepath.profile.matchable-profile-changed.v1", Topics.PROFILES, MatchableProfileChanged.class);
    public static final EventType<ContactPointChanged> CONTACT_POINT_CHANGED =
            type("org.samepath.profile.contact-point-changed.v1", Topics.CONTACT_POINTS, ContactPointChanged.class);

    public static final EventType<MatchRequestSubmitted> MATCH_REQUEST_SUBMITTED =
            type("org.samepath.match.request-submitted.v1", Topics.MATCHING, MatchRequestSubmitted.class);
    public static final EventType<MatchRequestWaitlisted> MATCH_REQUEST_WAITLISTED =
            type("org.samepath.match.request-waitlisted.v1", Topics.MATCHING, MatchRequestWaitlisted.class);
    public static final EventType<MatchRequestWithdrawn> MATCH_REQUEST_WITHDRAWN =
            type("org.samepath.match.request-withdrawn.v1", Topics.MATCHING, MatchRequestWithdrawn.class);
    public static final EventType<MentorProposed> MENTOR_PROPOSED =
            type("org.samepath.match.mentor-proposed.v1", Topics.MATCHING, MentorProposed.class);
    public static final EventType<ProposalReminderDue> PROPOSAL_REMINDER_DUE =
            type("org.samepath.match.proposal-reminder-due.v1", Topics.MATCHING, ProposalReminderDue.class);
    public static final EventType<ProposalAccepted> PROPOSAL_ACCEPTED =
            type("org.samepath.match.proposal-accepted.v1", Topics.MATCHING, ProposalAccepted.class);
    public static final EventType<ProposalDeclined> PROPOSAL_DECLINED =
            type("org.samepath.match.proposal-declined.v1", Topics.MATCHING, ProposalDeclined.class);
    public static final EventType<ProposalExpired> PROPOSAL_EXPIRED =
            type("org.samepath.match.proposal-expired.v1", Topics.MATCHING, ProposalExpired.class);
    public static final EventType<ProposalWithdrawn> PROPOSAL_WITHDRAWN =
            type("org.samepath.match.proposal-withdrawn.v1", Topics.MATCHING, ProposalWithdrawn.class);
    public static final EventType<MatchEnded> MATCH_ENDED =
            type("org.samepath.match.match-ended.v1", Topics.MATCHING, MatchEnded.class);
    public static final EventType<MatchPaused> MATCH_PAUSED =
            type("org.samepath.match.match-paused.v1", Topics.MATCHING, MatchPaused.class);

    public static final EventType<UrgentSupportRequested> URGENT_SUPPORT_REQUESTED =
            type("org.samepath.safety.urgent-support-requested.v1", Topics.SAFETY, UrgentSupportRequested.class);
    public static final EventType<PersonReported> PERSON_REPORTED =
            type("org.samepath.safety.person-reported.v1", Topics.SAFETY, PersonReported.class);

    public static final List<EventType<?>> ALL = List.of(
            MATCHABLE_PROFILE_CHANGED,
            CONTACT_POINT_CHANGED,
            MATCH_REQUEST_SUBMITTED,
            MATCH_REQUEST_WAITLISTED,
            MATCH_REQUEST_WITHDRAWN,
            MENTOR_PROPOSED,
            PROPOSAL_REMINDER_DUE,
            PROPOSAL_ACCEPTED,
            PROPOSAL_DECLINED,
            PROPOSAL_EXPIRED,
            PROPOSAL_WITHDRAWN,
            MATCH_ENDED,
            MATCH_PAUSED,
            URGENT_SUPPORT_REQUESTED,
            PERSON_REPORTED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadClass, Function.identity()));

    private EventCatalog() {}

    public static Optional<EventType<?>> byType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }

    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> payloadClass) {
        EventType<?> type = BY_CLASS.get(payloadClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a catalogued event: " + payloadClass.getName());
        }
        return (EventType<T>) type;
    }

    private static <T> EventType<T> type(String ceType, String topic, Class<T> payloadClass) {
        String simpleName = ceType.substring(ceType.lastIndexOf('.', ceType.length() - 4) + 1, ceType.length() - 3);
        return new EventType<>(ceType, topic, payloadClass, "schemas/" + simpleName + ".v1.schema.json");
    }
}
