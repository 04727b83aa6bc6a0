package org.samepath.loaddriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Markdown tables of the results, ready to paste into the README, and the verdict against the targets. */
final class ResultsTable {

    private static final double KIB_PER_GIB = 1024.0 * 1024.0;
    /** Issue 11: 25,000 people created and caught up in every service within 90 s. */
    private static final double SEEDING_TARGET_PEOPLE_PER_SECOND = 25_000 / 90.0;

    private ResultsTable() {}

    /** Everything printed about the main run. */
    record MainReport(
            DriverOptions options,
            double seedingSeconds,
            double propagationSeconds,
            HistoryLoader.Loaded history,
            Map<String, Double> idleCpuShare,
            int streamsOpen,
            int streamsReopened,
            RunResult run,
            KafkaProbe.Result kafkaIdle,
            List<StackProcesses.Memory> memory,
            boolean stackComplete,
            Map<String, Double> cpuSecondsDuringLoad,
            double loadSeconds,
            int duplicateIds,
            int duplicateEffects,
            String loadAverageBefore,
            String loadAverageAfter) {

        long totalPeakKib() {
            return memory.stream().mapToLong(StackProcesses.Memory::peakKib).sum();
        }
    }

    /** One target and whether it was met. */
    record Check(String what, boolean met) {}

    static List<Check> checks(MainReport report) {
        RunResult run = report.run();
        DriverOptions options = report.options();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("0 lost", run.lost() == 0));
        checks.add(new Check("0 duplicated", report.duplicateIds() + report.duplicateEffects() == 0));
        checks.add(new Check("0 not streamed", run.notStreamed() == 0));
        double p50 = run.proposalNotified().percentileMillis(50);
        double p99 = run.proposalNotified().percentileMillis(99);
        checks.add(new Check("p50 <= " + trim(options.p50TargetMillis()) + " ms", p50 <= options.p50TargetMillis()));
        checks.add(new Check("p99 <= " + trim(options.p99TargetMillis()) + " ms", p99 <= options.p99TargetMillis()));
        checks.add(new Check(
                "stack RSS < " + String.format(Locale.ROOT, "%.1f", options.rssTargetMib() / 1024.0) + " GiB",
                report.stackComplete() && report.totalPeakKib() < options.rssTargetMib() * 1024L));
        return checks;
    }

    /** Lost, duplicated or undelivered: the run failed, whatever the latencies. */
    static boolean correctnessFailed(MainReport report) {
        return report.run().lost() > 0
                || report.duplicateIds() + report.duplicateEffects() > 0
                || report.run().notStreamed() > 0;
    }

    static String main(MainReport report) {
        RunResult run = report.run();
        DriverOptions options = report.options();
        StringBuilder table = new StringBuilder();
        table.append("| measured | value | target |\n|---|---|---|\n");
        row(
                table,
                "people loaded",
                String.format(
                        Locale.ROOT,
                        "%,d mentors (approved), %,d newcomers; seeded in %.0f s, in every service %.0f s later",
                        options.mentors(),
                        options.newcomers(),
                        report.seedingSeconds(),
                        report.propagationSeconds()),
                "");
        row(
                table,
                "seeding speed",
                seedingSpeed(report),
                String.format(
                        Locale.ROOT,
                        "25,000 people in ≤ 90 s (≥ %.0f/s created and caught up)",
                        SEEDING_TARGET_PEOPLE_PER_SECOND));
        if (report.history().requests() + report.history().openProposals() > 0) {
            row(
                    table,
                    "history loaded into the databases before the run",
                    report.history().describe(),
                    "");
        }
        if (!report.idleCpuShare().isEmpty()) {
            row(
                    table,
                    "idle stack CPU (% of one core), streams open, nothing offered, over "
                            + report.options().idleCpu().toSeconds() + " s",
                    shares(report.idleCpuShare()),
                    "");
        }
        row(
                table,
                "open notification streams",
                String.format(
                        Locale.ROOT,
                        "%,d (one per mentor, the coordinator), and during each run %,d newcomers' (those who send"
                                + " the accepted requests); reopened %d",
                        report.streamsOpen(),
                        options.watchedNewcomers(),
                        report.streamsReopened()),
                "");
        row(
                table,
                "offered rate",
                String.format(
                        Locale.ROOT,
                        "%s/s for %d s after a %d s warm-up (%,d requests, %,d measured)",
                        trim(run.offeredRate()),
                        run.measured().toSeconds(),
                        options.warmup().toSeconds(),
                        run.offered(),
                        run.measuredOffered()),
                trim(options.rate()) + "/s for " + options.duration().toSeconds() + " s");
        row(table, "achieved rate (answered 202)", String.format(Locale.ROOT, "%.1f/s", run.achievedRate()), "");
        row(
                table,
                "**proposal notification** (POST answered → proposal on the mentor's stream) p50 / p90 / p99 / max",
                "**" + run.proposalNotified().summary() + "** (n = " + count(run.proposalNotified()) + ")",
                "p50 ≤ " + trim(options.p50TargetMillis()) + " ms, p99 ≤ " + trim(options.p99TargetMillis()) + " ms");
        row(
                table,
                "same, from the intended send time (coordinated omission included)",
                run.proposalNotifiedFromIntended().summary(),
                "");
        row(table, "POST /match-requests answer time", run.postAnswer().summary(), "");
        row(
                table,
                "POST answer time from the intended send",
                run.postAnswerFromIntended().summary(),
                "");
        row(
                table,
                "accept → newcomer's match-started notification",
                run.matchStartNotified().summary() + " (n = " + count(run.matchStartNotified()) + ", every "
                        + options.acceptEvery() + "th request)",
                "");
        row(
                table,
                "Kafka alone, idle (send → consumed, one at a time)",
                report.kafkaIdle().latencies().summary() + " (n = "
                        + count(report.kafkaIdle().latencies()) + ")",
                "");
        row(
                table,
                "Kafka alone, during the load (every 20 ms)",
                run.kafkaUnderLoad().latencies().summary() + " (n = "
                        + count(run.kafkaUnderLoad().latencies()) + ")",
                "");
        row(table, "ratio notification / Kafka idle (p50, p99)", ratios(run, report.kafkaIdle()), "");
        row(table, "ratio notification / Kafka during load (p50, p99)", ratios(run, run.kafkaUnderLoad()), "");
        row(
                table,
                "outcomes",
                String.format(
                        Locale.ROOT,
                        "%,d proposed; %,d waitlisted by design (MUST %s); %,d waitlisted otherwise; %,d proposed"
                                + " later from the waitlist; %,d seen only after the %d s drain deadline",
                        run.proposed(),
                        run.waitlistedByDesign(),
                        Population.UNMATCHABLE_LANGUAGE,
                        run.waitlistedOther(),
                        run.proposedFromWaitlist(),
                        run.reconciliation().late(),
                        options.drain().toSeconds()),
                "");
        row(table, "lost requests", lost(run), "0");
        row(
                table,
                "not sent: no free newcomer (not counted as lost)",
                String.format(Locale.ROOT, "%,d", run.noFreeNewcomer()),
                "0");
        row(table, "newcomer recycling (not measured requests)", recycling(run.recycled()), "");
        row(table, "POSTs with no answer in time (followed up after the drain)", unanswered(run), "");
        row(table, "notified but not on the stream", String.valueOf(run.notStreamed()), "0");
        row(
                table,
                "duplicated notifications (same id / same effect)",
                report.duplicateIds() + " / " + report.duplicateEffects(),
                "0");
        for (StackProcesses.Memory process : report.memory()) {
            row(
                    table,
                    "peak RSS " + process.name() + " (pid " + process.pid() + ")",
                    String.format(
                            Locale.ROOT,
                            "%,d MiB (now %,d MiB)",
                            process.peakKib() / 1024,
                            process.currentKib() / 1024),
                    "");
        }
        row(
                table,
                "**peak RSS, whole stack** (sum of the peaks)",
                String.format(Locale.ROOT, "**%.2f GiB**", report.totalPeakKib() / KIB_PER_GIB),
                "< " + String.format(Locale.ROOT, "%.1f", options.rssTargetMib() / 1024.0) + " GiB");
        row(table, "CPU used during the load (share of one core)", cpu(report), "2 cores in all");
        row(
                table,
                "load driver's own CPU (process CPU time / wall time, the whole run)",
                driver(run.driver()),
                "well below one core");
        row(
                table,
                "load average (1, 5, 15 min) before / after",
                report.loadAverageBefore() + " / " + report.loadAverageAfter(),
                "");
        return table.toString();
    }

    static String verdict(MainReport report) {
        StringBuilder verdict = new StringBuilder("Targets:");
        for (Check check : checks(report)) {
            verdict.append(' ').append(check.what()).append(check.met() ? " met;" : " MISSED;");
        }
        return verdict.substring(0, verdict.length() - 1);
    }

    private static String ratios(RunResult run, KafkaProbe.Result kafka) {
        Latencies notified = run.proposalNotified();
        Latencies raw = kafka.latencies();
        if (notified.count() == 0 || raw.count() == 0) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%.1f×, %.1f×",
                notified.percentileMillis(50) / raw.percentileMillis(50),
                notified.percentileMillis(99) / raw.percentileMillis(99));
    }

    private static String cpu(MainReport report) {
        List<String> parts = new ArrayList<>();
        report.cpuSecondsDuringLoad()
                .forEach((name, seconds) ->
                        parts.add(String.format(Locale.ROOT, "%s %.0f%%", name, 100 * seconds / report.loadSeconds())));
        return String.join(", ", parts);
    }

    /** Shares of one core by process, and the stack's total (the driver apart). */
    static String shares(Map<String, Double> shareOfOneCore) {
        List<String> parts = new ArrayList<>();
        double stack = 0;
        for (Map.Entry<String, Double> process : shareOfOneCore.entrySet()) {
            parts.add(String.format(Locale.ROOT, "%s %.1f%%", process.getKey(), 100 * process.getValue()));
            if (!process.getKey().equals("load driver") && !process.getValue().isNaN()) {
                stack += process.getValue();
            }
        }
        return String.join(", ", parts) + String.format(Locale.ROOT, "; **stack %.1f%%**", 100 * stack);
    }

    static String driver(DriverCpu.Usage usage) {
        return String.format(
                Locale.ROOT,
                "%s of one core (%s of the %d cores); %d threads, peak %d",
                percent(usage.shareOfOneCore()),
                percent(usage.shareOfOneCore() / usage.cores()),
                usage.cores(),
                usage.threads(),
                usage.peakThreads());
    }

    private static String seedingSpeed(MainReport report) {
        int people = report.options().mentors() + report.options().newcomers();
        double total = report.seedingSeconds() + report.propagationSeconds();
        return String.format(
                Locale.ROOT,
                "%,d people: created in %.1f s (%.0f/s, %d at once), caught up %.1f s later; **%.1f s in all (%.0f/s)**",
                people,
                report.seedingSeconds(),
                people / report.seedingSeconds(),
                report.options().seedConcurrency(),
                report.propagationSeconds(),
                total,
                people / total);
    }

    static String lost(RunResult run) {
        if (run.lost() == 0) {
            return "0";
        }
        return String.format(
                Locale.ROOT,
                "%,d: %,d refused, %,d unanswered and never created, %,d not sent (driver's in-flight limit), %,d"
                        + " accepted but in no inbox",
                run.lost(),
                run.refused(),
                run.unanswered().lost(),
                run.notSent(),
                run.reconciliation().lost());
    }

    /** What the driver closed to reuse its newcomers in one run. */
    static String recycling(Recycler.Counts counts) {
        return String.format(
                Locale.ROOT,
                "%,d requests withdrawn, %,d matches ended, %,d refused or unanswered; %,d newcomers closed after"
                        + " the drain, %,d set aside; %,d sends reused a newcomer; %,d newcomers free after the run"
                        + " (%,d set aside in all)",
                counts.withdrawn(),
                counts.ended(),
                counts.failed(),
                counts.closedAfterRun(),
                counts.setAsideInRun(),
                counts.reusedSends(),
                counts.freeAfter(),
                counts.setAsideInAll());
    }

    static String unanswered(RunResult run) {
        UnansweredPosts.FollowUp followUp = run.unanswered();
        if (followUp.unanswered() == 0) {
            return "0";
        }
        return String.format(
                Locale.ROOT,
                "%,d: the stack acted on %,d later %s; %,d lost",
                followUp.unanswered(),
                followUp.actedOnLater(),
                followUp.laterStatuses(),
                followUp.lost());
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String count(Latencies latencies) {
        return String.format(Locale.ROOT, "%,d", latencies.count());
    }

    private static void row(StringBuilder table, String what, String value, String target) {
        table.append("| ")
                .append(what)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(target)
                .append(" |\n");
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
