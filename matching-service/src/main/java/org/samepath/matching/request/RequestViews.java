package org.samepath.matching.request;

import java.time.Instant;
import java.util.List;
import org.samepath.matching.request.MatchRequest.Decision;
import org.samepath.matching.request.MatchRequest.Match;
import org.samepath.matching.request.MatchRequest.Proposal;

/** What the API shows of requests, proposals and matches. */
public final class RequestViews {

    private RequestViews() {}

    public record RequestView(
            String id,
            String newcomerId,
            String status,
            Instant createdAt,
            Instant waitingSince,
            ProposalView currentProposal,
            List<String> relaxedPreferences,
            List<String> waitlistReasons,
            MatchView match) {

        public static RequestView of(MatchRequest request) {
            Proposal current = request.pendingProposal()
                    .or(() -> request.proposals().isEmpty()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(
                                    request.proposals().get(request.proposals().size() - 1)))
                    .orElse(null);
            return new RequestView(
                    request.id(),
                    request.newcomerId(),
                    request.status().name(),
                    request.createdAt(),
                    request.waitingSince(),
                    current == null ? null : ProposalView.of(request, current),
                    current == null ? List.of() : current.relaxedPreferences(),
                    request.waitlistReasons(),
                    request.match() == null ? null : MatchView.of(request, request.match()));
        }
    }

    public record ProposalView(
            String id,
            String requestId,
            String newcomerId,
            String mentorId,
            String status,
            int score,
            List<String> reasons,
            List<String> relaxedPreferences,
            Instant respondBy,
            boolean assignedByCoordinator) {

        /**
         * What the proposed mentor sees: not the newcomer's unmet wishes (which preferences this mentor does not
         * meet are the newcomer's business and a coordinator's).
         */
        public static ProposalView forMentor(MatchRequest request, Proposal proposal) {
            ProposalView full = of(request, proposal);
            return new ProposalView(
                    full.id(),
                    full.requestId(),
                    full.newcomerId(),
                    full.mentorId(),
                    full.status(),
                    full.score(),
                    full.reasons(),
                    List.of(),
                    full.respondBy(),
                    full.assignedByCoordinator());
        }

        public static ProposalView of(MatchRequest request, Proposal proposal) {
            return new ProposalView(
                    proposal.id(),
                    request.id(),
                    request.newcomerId(),
                    proposal.mentorId(),
                    proposal.status().name(),
                    proposal.score(),
                    proposal.reasons(),
                    proposal.relaxedPreferences(),
                    proposal.respondBy(),
                    proposal.assignedBy() != null);
        }
    }

    public record MatchView(
            String id,
            String requestId,
            String newcomerId,
            String mentorId,
            String status,
            Instant startedAt,
            Instant endedAt) {

        public static MatchView of(MatchRequest request, Match match) {
            return new MatchView(
                    match.id(),
                    request.id(),
                    request.newcomerId(),
                    match.mentorId(),
                    match.status().name(),
                    match.startedAt(),
                    match.endedAt());
        }
    }

    public record ProvenanceView(String requestId, String newcomerId, String status, List<Decision> decisions) {}
}
