package org.samepath.notification.announce;

import org.samepath.contracts.Topics;
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
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

/** Tells newcomers, mentors and coordinators about each step of the match journey. */
@KafkaListener(id = "notification-matching", topics = Topics.MATCHING)
class MatchingEventsListener {

    private final RequestAnnouncements requests;
    private final ProposalAnnouncements proposals;
    private final Notifier notifier;

    MatchingEventsListener(RequestAnnouncements requests, ProposalAnnouncements proposals, Notifier notifier) {
        this.requests = requests;
        this.proposals = proposals;
        this.notifier = notifier;
    }

    @KafkaHandler
    void on(MatchRequestSubmitted event) {
        notifier.tell(event, requests.of(event));
    }

    @KafkaHandler
    void on(MentorProposed event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(ProposalReminderDue event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(ProposalAccepted event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(ProposalDeclined event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(ProposalExpired event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(ProposalWithdrawn event) {
        notifier.tell(event, proposals.of(event));
    }

    @KafkaHandler
    void on(MatchRequestWaitlisted event) {
        notifier.tell(event, requests.of(event));
    }

    @KafkaHandler
    void on(MatchRequestWithdrawn event) {
        notifier.tell(event, requests.of(event));
    }

    @KafkaHandler
    void on(MatchEnded event) {
        notifier.tell(event, requests.of(event));
    }

    @KafkaHandler
    void on(MatchPaused event) {
        notifier.tell(event, requests.of(event));
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object otherEvent) {}
}
