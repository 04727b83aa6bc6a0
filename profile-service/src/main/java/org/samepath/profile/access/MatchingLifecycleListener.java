package org.samepath.profile.access;

import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.matching.ProposalWithdrawn;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

/** Learns from the matching lifecycle who may see whose shareable view. Other matching events do not concern it. */
@KafkaListener(
        id = "profile-matching-lifecycle",
        groupId = "${samepath.kafka.group-prefix:}profile-matching-lifecycle",
        topics = Topics.MATCHING)
class MatchingLifecycleListener {

    private final ViewingGrants grants;

    MatchingLifecycleListener(ViewingGrants grants) {
        this.grants = grants;
    }

    @KafkaHandler
    void on(MentorProposed event) {
        if (grants.bothStillThere(event.mentorId(), event.newcomerId(), event.occurredAt())) {
            grants.proposed(event.mentorId(), event.newcomerId(), event.proposalId());
        }
    }

    @KafkaHandler
    void on(ProposalAccepted event) {
        if (grants.bothStillThere(event.mentorId(), event.newcomerId(), event.occurredAt())) {
            grants.accepted(event.mentorId(), event.newcomerId(), event.proposalId(), event.matchId());
        }
    }

    @KafkaHandler
    void on(ProposalDeclined event) {
        grants.proposalClosed(event.mentorId(), event.newcomerId(), event.proposalId());
    }

    @KafkaHandler
    void on(ProposalExpired event) {
        grants.proposalClosed(event.mentorId(), event.newcomerId(), event.proposalId());
    }

    @KafkaHandler
    void on(ProposalWithdrawn event) {
        grants.proposalClosed(event.mentorId(), event.newcomerId(), event.proposalId());
    }

    @KafkaHandler
    void on(MatchEnded event) {
        grants.matchEnded(event.mentorId(), event.newcomerId(), event.matchId());
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object otherEvent) {}
}
