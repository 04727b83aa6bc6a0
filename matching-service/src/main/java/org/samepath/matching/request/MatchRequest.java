package org.samepath.matching.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The match request aggregate: one newcomer's search for a mentor, with every proposal made for it, the match it led
 * to, and the provenance of each decision. Every transition is one version-guarded write of this document (with the
 * events it causes in its outbox), so proposals, matches and their events can never disagree.
 */
public record MatchRequest(
        String id,
        String newcomerId,
        Status status,
        String note,
        Instant createdAt,
        Instant waitingSince,
        long version,
        List<Proposal> proposals,
        Match match,
        List<String> waitlistReasons,
        List<String> triedMentorIds,
        List<Decision> provenance) {

    public enum Status {
        SUBMITTED,
        SEARCHING,
        PROPOSED,
        WAITLISTED,
        MATCHED,
        WITHDRAWN,
        CLOSED;

        public boolean isOpen() {
            return this == SUBMITTED || this == SEARCHING || this == PROPOSED || this == WAITLISTED;
        }
    }

    public record Proposal(
            String id,
            String mentorId,
            ProposalStatus status,
            int score,
            List<String> reasons,
            Map<String, Integer> breakdown,
            List<String> relaxedPreferences,
            Instant proposedAt,
            Instant respondBy,
            Instant remindAt,
            boolean reminderSent,
            Instant decidedAt,
            String closeReason,
            String assignedBy) {

        /** A new proposal awaiting the mentor's answer; {@code assignedBy} is the coordinator who chose by hand. */
        static Proposal pending(
                String id,
                MentorSearch.Candidate candidate,
                Instant now,
                MatchingSettings settings,
                String assignedBy) {
            return new Proposal(
                    id,
                    candidate.mentorId(),
                    ProposalStatus.PENDING,
                    candidate.score(),
                    candidate.reasons(),
                    candidate.breakdown(),
                    candidate.relaxedPreferences(),
                    now,
                    now.plus(settings.responseDeadline()),
                    now.plus(settings.reminderAfter()),
                    false,
                    null,
                    null,
                    assignedBy);
        }

        Proposal closed(ProposalStatus newStatus, Instant at, String reason) {
            return new Proposal(
                    id,
                    mentorId,
                    newStatus,
                    score,
                    reasons,
                    breakdown,
                    relaxedPreferences,
                    proposedAt,
                    respondBy,
                    remindAt,
                    reminderSent,
                    at,
                    reason,
                    assignedBy);
        }

        Proposal reminded() {
            return new Proposal(
                    id,
                    mentorId,
                    status,
                    score,
                    reasons,
                    breakdown,
                    relaxedPreferences,
                    proposedAt,
                    respondBy,
                    remindAt,
                    true,
                    decidedAt,
                    closeReason,
                    assignedBy);
        }
    }

    public enum ProposalStatus {
        PENDING,
        ACCEPTED,
        DECLINED,
        EXPIRED,
        WITHDRAWN
    }

    public record Match(
            String id,
            String proposalId,
            String mentorId,
            MatchStatus status,
            Instant startedAt,
            Instant endedAt,
            String endedBy,
            String endReason) {

        Match with(MatchStatus newStatus, Instant at, String by, String reason) {
            return new Match(
                    id,
                    proposalId,
                    mentorId,
                    newStatus,
                    startedAt,
                    newStatus == MatchStatus.ENDED ? at : endedAt,
                    newStatus == MatchStatus.ENDED ? by : endedBy,
                    newStatus == MatchStatus.ENDED ? reason : endReason);
        }
    }

    public enum MatchStatus {
        ACTIVE,
        PAUSED,
        ENDED
    }

    /** Why the engine or a coordinator decided what it did, for "why this mentor" and "why nobody yet". */
    public record Decision(
            Instant at,
            String outcome,
            String engineVersion,
            List<CandidateTrace> candidates,
            Map<String, Integer> removedByFilter,
            List<String> blockingReasons,
            String actor,
            String note) {}

    public record CandidateTrace(String mentorId, int score, Map<String, Integer> breakdown, boolean reserved) {}

    public Optional<Proposal> pendingProposal() {
        return proposals.stream()
                .filter(p -> p.status() == ProposalStatus.PENDING)
                .findFirst();
    }

    public Optional<Proposal> proposal(String proposalId) {
        return proposals.stream().filter(p -> p.id().equals(proposalId)).findFirst();
    }

    MatchRequest withStatus(Status newStatus) {
        return new MatchRequest(
                id,
                newcomerId,
                newStatus,
                note,
                createdAt,
                waitingSince,
                version,
                proposals,
                match,
                waitlistReasons,
                triedMentorIds,
                provenance);
    }

    MatchRequest withProposal(Proposal changed) {
        List<Proposal> updated = new ArrayList<>(proposals);
        updated.replaceAll(p -> p.id().equals(changed.id()) ? changed : p);
        if (updated.stream().noneMatch(p -> p.id().equals(changed.id()))) {
            updated.add(changed);
        }
        List<String> tried = new ArrayList<>(triedMentorIds);
        if (!tried.contains(changed.mentorId())) {
            tried.add(changed.mentorId());
        }
        return new MatchRequest(
                id,
                newcomerId,
                status,
                note,
                createdAt,
                waitingSince,
                version,
                List.copyOf(updated),
                match,
                waitlistReasons,
                List.copyOf(tried),
                provenance);
    }

    MatchRequest withMatch(Match newMatch) {
        return new MatchRequest(
                id,
                newcomerId,
                status,
                note,
                createdAt,
                waitingSince,
                version,
                proposals,
                newMatch,
                waitlistReasons,
                triedMentorIds,
                provenance);
    }

    MatchRequest withWaitlistReasons(List<String> reasons) {
        return new MatchRequest(
                id,
                newcomerId,
                status,
                note,
                createdAt,
                waitingSince,
                version,
                proposals,
                match,
                List.copyOf(reasons),
                triedMentorIds,
                provenance);
    }

    MatchRequest withDecision(Decision decision) {
        List<Decision> updated = new ArrayList<>(provenance);
        updated.add(decision);
        return new MatchRequest(
                id,
                newcomerId,
                status,
                note,
                createdAt,
                waitingSince,
                version,
                proposals,
                match,
                waitlistReasons,
                triedMentorIds,
                List.copyOf(updated));
    }
}
