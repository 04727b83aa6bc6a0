package org.samepath.matching.request;

import java.time.Instant;
import java.util.UUID;
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
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.Proposal;

/**
 * The lifecycle events, built from the request they are about. Free text (a decline's or an ending's words) stays in
 * matching-service; events carry only codes, so nothing a person wrote travels to other services.
 */
final class MatchEvents {

    private MatchEvents() {}

    static MatchRequestSubmitted submitted(MatchRequest r, Instant at) {
        return new MatchRequestSubmitted(id(), r.id(), r.newcomerId(), at);
    }

    static MatchRequestWaitlisted waitlisted(MatchRequest r, Instant at) {
        return new MatchRequestWaitlisted(id(), r.id(), r.newcomerId(), at, r.waitlistReasons());
    }

    static MatchRequestWithdrawn withdrawn(MatchRequest r, Instant at) {
        return new MatchRequestWithdrawn(id(), r.id(), r.newcomerId(), at);
    }

    static MentorProposed proposed(MatchRequest r, Proposal p, Instant at) {
        return new MentorProposed(
                id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at, p.score(), p.reasons(), p.respondBy());
    }

    static ProposalReminderDue reminderDue(MatchRequest r, Proposal p, Instant at) {
        return new ProposalReminderDue(id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at, p.respondBy());
    }

    static ProposalAccepted accepted(MatchRequest r, Proposal p, Match m, Instant at) {
        return new ProposalAccepted(id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at, m.id());
    }

    static ProposalDeclined declined(MatchRequest r, Proposal p, Instant at) {
        return new ProposalDeclined(id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at, "DECLINED_BY_MENTOR");
    }

    static ProposalExpired expired(MatchRequest r, Proposal p, Instant at) {
        return new ProposalExpired(id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at);
    }

    static ProposalWithdrawn proposalWithdrawn(MatchRequest r, Proposal p, Instant at, String reasonCode) {
        return new ProposalWithdrawn(id(), r.id(), r.newcomerId(), p.id(), p.mentorId(), at, reasonCode);
    }

    static MatchEnded ended(MatchRequest r, Match m, Instant at, String endedByRole, boolean rematch) {
        return new MatchEnded(
                id(),
                r.id(),
                r.newcomerId(),
                m.id(),
                m.mentorId(),
                at,
                endedByRole,
                "ENDED_BY_" + endedByRole,
                rematch);
    }

    static MatchPaused paused(MatchRequest r, Match m, Instant at, String pausedByRole) {
        return new MatchPaused(id(), r.id(), r.newcomerId(), m.id(), m.mentorId(), at, pausedByRole);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
