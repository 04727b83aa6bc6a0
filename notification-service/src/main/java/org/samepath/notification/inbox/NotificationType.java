package org.samepath.notification.inbox;

/** What a notification is about; clients pick icons and wording by it. */
public enum NotificationType {
    REQUEST_RECEIVED,
    PROPOSAL_RECEIVED,
    MENTOR_PROPOSED,
    PROPOSAL_REMINDER,
    MATCH_STARTED,
    SEARCH_CONTINUES,
    PROPOSAL_EXPIRED,
    PROPOSAL_WITHDRAWN,
    STILL_LOOKING,
    REQUEST_WITHDRAWN,
    MATCH_ENDED,
    MATCH_PAUSED,
    WAITLIST_ALERT,
    URGENT_SUPPORT,
    PERSON_REPORTED
}
