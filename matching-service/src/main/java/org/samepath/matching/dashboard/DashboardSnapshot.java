package org.samepath.matching.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a coordinator sees on the dashboard at one moment. People appear only by their pseudonymous ids; never a name,
 * a contact detail or a lived-experience tag.
 *
 * @param window the time-to-match and outcome window, e.g. {@code 24h}
 * @param openRequests open requests by state, in lifecycle order
 * @param waitlist the longest-waiting newcomers first (at most {@link DashboardQueries#WAITLIST_ROWS})
 * @param waitByGroup current waiting times by language and by recovery pathway, small groups suppressed
 */
public record DashboardSnapshot(
        Instant generatedAt,
        String window,
        Map<String, Long> openRequests,
        long activeMatches,
        long pausedMatches,
        long waitlistTotal,
        List<WaitingNewcomer> waitlist,
        TimeToMatch timeToMatch,
        ProposalOutcomes outcomes,
        MentorCapacity mentors,
        List<PendingMentor> pendingApproval,
        long alertsAwaiting,
        List<AlertView> alerts,
        List<MatchRow> recentMatches,
        List<GroupBreakdown> waitByGroup,
        List<Activity> activity) {

    public record WaitingNewcomer(
            String requestId, String newcomerId, Instant waitingSince, long waitingSeconds, List<String> reasons) {}

    /** Over requests matched within the window, from asking to the mentor's acceptance. */
    public record TimeToMatch(int matched, long p50Seconds, long p90Seconds) {}

    /** Proposals answered (or left to expire) within the window; rates are percentages of those three. */
    public record ProposalOutcomes(
            int accepted,
            int declined,
            int expired,
            int withdrawn,
            double acceptanceRate,
            double declineRate,
            double expiryRate) {}

    /** {@code slotsUsed / slotsTotal} over approved mentors: held by pending proposals and active matches. */
    public record MentorCapacity(
            int approved,
            int paused,
            int suspended,
            int pendingApproval,
            int slotsUsed,
            int slotsTotal,
            double utilisation) {}

    public record PendingMentor(String mentorId, List<String> languages, Integer capacity) {}

    public record AlertView(
            String id,
            String kind,
            String personId,
            String subjectId,
            Instant raisedAt,
            boolean awaitingAcknowledgement,
            String acknowledgedBy,
            Instant acknowledgedAt) {}

    public record MatchRow(String matchId, String newcomerId, String mentorId, String status, Instant startedAt) {}

    public record Activity(Instant at, String kind, String text) {}
}
