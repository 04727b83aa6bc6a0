package org.samepath.loaddriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run. Latencies are over the measured window only; losses, failures and duplicates over
 * everything offered, warm-up included.
 *
 * <p>Every accepted request must end up accounted for: its proposal seen on the mentor's stream, or its waitlist
 * alert seen on the coordinator's stream. A request waitlisted although its newcomer could be matched is still
 * accounted for (the pool may be full or the newcomer's {@code MUST} unmet by the free mentors) but is counted
 * apart. Lost is a request the stack refused, or never answered and never created either, or one whose proposal is
 * in no inbox at all; a {@code POST} that timed out but whose request the stack created later is counted apart.
 */
record RunResult(
        String label,
        double offeredRate,
        Duration measured,
        int offered,
        int measuredOffered,
        double achievedRate,
        Latencies postAnswer,
        Latencies postAnswerFromIntended,
        Latencies proposalNotified,
        Latencies proposalNotifiedFromIntended,
        Latencies matchStartNotified,
        int proposed,
        int proposedFromWaitlist,
        int waitlistedByDesign,
        int waitlistedOther,
        int acceptsSampled,
        int acceptsAnswered,
        int acceptsRefused,
        int failedRequests,
        int refused,
        int notSent,
        int noFreeNewcomer,
        List<String> failureExamples,
        Reconciliation reconciliation,
        UnansweredPosts.FollowUp unanswered,
        KafkaProbe.Result kafkaUnderLoad,
        StageTimings stages,
        DriverCpu.Usage driver,
        Recycler.Counts recycled) {

    /** What a run observed besides its requests' own records. */
    record Observed(
            String label,
            double offeredRate,
            Duration measured,
            Reconciliation reconciliation,
            UnansweredPosts.FollowUp unanswered,
            KafkaProbe.Result kafkaUnderLoad,
            DriverCpu.Usage driver,
            Recycler.Counts recycled) {}

    /**
     * Requests with no proposal and no waitlist anywhere, refused, not sent for the driver's in-flight limit, or
     * unanswered and never created; not those unanswered but acted on later, nor those not sent for want of a free
     * newcomer (the driver's population, see {@link #noFreeNewcomer}).
     */
    int lost() {
        return refused + notSent + unanswered.lost() + reconciliation.lost();
    }

    /** Notifications that exist but never reached the open stream of their recipient. */
    int notStreamed() {
        return reconciliation.waitlistedUnstreamed()
                + reconciliation.proposalsUnstreamed()
                + reconciliation.matchStartsUnstreamed();
    }

    static RunResult of(
            Observed observed, List<RequestRecord> records, Ledger ledger, StageTimings stages, Population population) {
        Latencies postAnswer = new Latencies();
        Latencies postAnswerFromIntended = new Latencies();
        Latencies proposalNotified = new Latencies();
        Latencies proposalNotifiedFromIntended = new Latencies();
        Latencies matchStartNotified = new Latencies();
        int measuredOffered = 0;
        int measuredAnswered = 0;
        long firstMeasuredIntended = Long.MAX_VALUE;
        long lastMeasuredReturned = Long.MIN_VALUE;
        int proposed = 0;
        int fromWaitlist = 0;
        int byDesign = 0;
        int other = 0;
        int sampled = 0;
        int answered = 0;
        int refused = 0;
        int failed = 0;
        int refusedByStack = 0;
        int notSentByDriver = 0;
        int noNewcomer = 0;
        List<String> failures = new ArrayList<>();
        for (RequestRecord record : records) {
            if (record.measured) {
                measuredOffered++;
                firstMeasuredIntended = Math.min(firstMeasuredIntended, record.intended);
            }
            if (!record.accepted()) {
                failed++;
                refusedByStack += record.refused() ? 1 : 0;
                notSentByDriver += record.notSent && !record.noFreeNewcomer ? 1 : 0;
                noNewcomer += record.noFreeNewcomer ? 1 : 0;
                if (failures.size() < 5) {
                    failures.add(record.failure);
                }
                continue;
            }
            if (record.measured) {
                measuredAnswered++;
                lastMeasuredReturned = Math.max(lastMeasuredReturned, record.returned);
                postAnswer.recordNanos(record.returned - record.sent);
                postAnswerFromIntended.recordNanos(record.returned - record.intended);
            }
            Ledger.Sighting sighting = ledger.find(record.requestId);
            boolean sawProposal = sighting != null && sighting.proposalArrived != 0;
            boolean sawWaitlist = sighting != null && sighting.waitlistAlertArrived != 0;
            if (sawProposal && "WAITLISTED".equals(record.initialStatus)) {
                fromWaitlist++;
            } else if (sawProposal) {
                proposed++;
                if (record.measured) {
                    proposalNotified.recordNanos(sighting.proposalArrived - record.returned);
                    proposalNotifiedFromIntended.recordNanos(sighting.proposalArrived - record.intended);
                }
            } else if (sawWaitlist) {
                if (population.isUnmatchable(record.newcomerIndex)) {
                    byDesign++;
                } else {
                    other++;
                }
            }
            if (record.acceptSampled && sawProposal) {
                sampled++;
                if (sighting.acceptReturned != 0 && sighting.acceptStatus == 200) {
                    answered++;
                    if (sighting.matchStartedArrived != 0 && record.measured) {
                        matchStartNotified.recordNanos(sighting.matchStartedArrived - sighting.acceptReturned);
                    }
                } else if (sighting.acceptReturned != 0) {
                    refused++;
                }
            }
        }
        double windowSeconds = (lastMeasuredReturned - firstMeasuredIntended) / 1e9;
        double achieved = measuredAnswered == 0 || windowSeconds <= 0 ? 0 : measuredAnswered / windowSeconds;
        return new RunResult(
                observed.label(),
                observed.offeredRate(),
                observed.measured(),
                records.size(),
                measuredOffered,
                achieved,
                postAnswer,
                postAnswerFromIntended,
                proposalNotified,
                proposalNotifiedFromIntended,
                matchStartNotified,
                proposed,
                fromWaitlist,
                byDesign,
                other,
                sampled,
                answered,
                refused,
                failed,
                refusedByStack,
                notSentByDriver,
                noNewcomer,
                failures,
                observed.reconciliation(),
                observed.unanswered(),
                observed.kafkaUnderLoad(),
                stages,
                observed.driver(),
                observed.recycled());
    }
}
