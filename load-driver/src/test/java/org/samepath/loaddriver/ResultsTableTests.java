package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTests {

    private static final long MS = 1_000_000L;

    @Test
    void anUnansweredPostTheStackActedOnLaterIsNotLostButOneNeverCreatedIs() {
        RunResult run = run(new UnansweredPosts.FollowUp(3, 2, 1, Map.of("PROPOSED", 2), List.of("POST at ...")));

        assertThat(run.failedRequests()).isEqualTo(5);
        assertThat(run.lost()).isEqualTo(2);
        assertThat(run.noFreeNewcomer()).isEqualTo(1);
        String table = ResultsTable.main(report(run));
        assertThat(table)
                .contains("| lost requests | 2: 1 refused, 1 unanswered and never created, 0 not sent")
                .contains("| not sent: no free newcomer (not counted as lost) | 1 | 0 |")
                .contains("| newcomer recycling (not measured requests) | 6,300 requests withdrawn, 700 matches"
                        + " ended, 1 refused or unanswered; 3 newcomers closed after the drain, 1 set aside; 3,000"
                        + " sends reused a newcomer; 3,999 newcomers free after the run (1 set aside in all) |")
                .contains("| POSTs with no answer in time (followed up after the drain) | 3: the stack acted on 2"
                        + " later {PROPOSED=2}; 1 lost |");
    }

    @Test
    void theTableReportsSeedingSpeedIdleCpuHistoryAndTheDriversOwnCpu() {
        String table = ResultsTable.main(report(run(UnansweredPosts.FollowUp.none())));

        assertThat(table)
                .contains("| seeding speed | 25,000 people: created in 60.0 s (417/s, 64 at once), caught up 20.0 s"
                        + " later; **80.0 s in all (313/s)** |")
                .contains("| idle stack CPU (% of one core), streams open, nothing offered, over 30 s |")
                .contains("matching-service 2.0%")
                .contains("**stack 3.0%**")
                .contains("| history loaded into the databases before the run | 100,000 closed requests, 20,000"
                        + " open proposals")
                .contains("| load driver's own CPU (process CPU time / wall time, the whole run) | 12% of one core"
                        + " (6% of the 2 cores); 40 threads, peak 44 |");
    }

    @Test
    void theStageTableHasOneLinePerStageInTheOrderTheyHappen() {
        String table = StageTable.render(run(UnansweredPosts.FollowUp.none()).stages());

        List<String> lines = table.lines().skip(2).toList();
        assertThat(lines).hasSize(StageTimings.Stage.values().length);
        assertThat(lines.get(0))
                .startsWith("| POST /match-requests answered (202) | 2 | ")
                .endsWith("| — |  |");
        assertThat(lines.get(6)).startsWith("| proposal notification on the mentor's stream | 2 | ");
    }

    @Test
    void aStepOfTheRateSearchSaysWhatWentUnansweredAndWhatTheDriverUsed() {
        RunResult step = run(new UnansweredPosts.FollowUp(3, 3, 0, Map.of("WAITLISTED", 3), List.of()));

        String table = StepsTable.render(List.of(step), 150);

        assertThat(table.lines().skip(2).findFirst().orElseThrow())
                .startsWith("| 200/s | ")
                .endsWith("| 1 | 3 (3) | 0 | 1 | 12% | no |");
        assertThat(StepsTable.passes(step, 150)).isFalse();
    }

    private static RunResult run(UnansweredPosts.FollowUp followUp) {
        Ledger ledger = new Ledger();
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RequestRecord record = new RequestRecord(i, true, false);
            record.intended = i * 10 * MS;
            record.sent = record.intended;
            record.returned = record.intended + 20 * MS;
            record.httpStatus = 202;
            record.initialStatus = "PROPOSED";
            record.requestId = "r-" + i;
            records.add(record);
            ledger.onNotification(
                    "m-" + i,
                    StackApi.JSON
                            .createObjectNode()
                            .put("id", "n-" + i)
                            .put("type", Ledger.PROPOSAL_RECEIVED)
                            .put("requestId", "r-" + i)
                            .put("proposalId", "r-" + i + "-p1"),
                    record.returned + 30 * MS);
        }
        RequestRecord noNewcomer = new RequestRecord(true, false);
        noNewcomer.notSent = true;
        noNewcomer.noFreeNewcomer = true;
        noNewcomer.failure = "not sent: no free newcomer";
        records.add(noNewcomer);
        RequestRecord refused = new RequestRecord(2, true, false);
        refused.httpStatus = 503;
        refused.failure = "HTTP 503";
        records.add(refused);
        for (int i = 3; i < 6; i++) {
            RequestRecord unanswered = new RequestRecord(i, true, false);
            unanswered.sent = 1;
            unanswered.failure = "no answer within 35 s";
            records.add(unanswered);
        }
        StageTimings stages = StageTimings.of(records, ledger, null, new WallClock(0, 0));
        RunResult.Observed observed = new RunResult.Observed(
                "main run",
                200,
                Duration.ofSeconds(60),
                new Reconciliation(0, 0, 0, 0, 0, List.of()),
                followUp,
                new KafkaProbe.Result(new Latencies(), 0),
                new DriverCpu.Usage(0.12, 40, 44, 2),
                new Recycler.Counts(6_300, 700, 1, 3, 1, 3_000, 3_999, 1));
        return RunResult.of(observed, records, ledger, stages, new Population("lr1", 5, 20, 0));
    }

    private static ResultsTable.MainReport report(RunResult run) {
        return new ResultsTable.MainReport(
                DriverOptions.parse("--mentors", "5000", "--newcomers", "20000", "--idle-cpu", "30"),
                60,
                20,
                new HistoryLoader.Loaded(100_000, 20_000, 120_000, 41.5, false),
                Map.of("local-stack launcher", 0.01, "matching-service", 0.02, "load driver", 0.05),
                5_001,
                0,
                run,
                new KafkaProbe.Result(new Latencies(), 0),
                List.of(new StackProcesses.Memory("local-stack launcher", 1, 1_000_000, 900_000)),
                true,
                Map.of("local-stack launcher", 30.0),
                60,
                0,
                0,
                "1.00, 1.00, 1.00",
                "2.00, 1.50, 1.10");
    }
}
