package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DriverOptionsTests {

    @Test
    void defaultsAreTheIssueTargets() {
        DriverOptions options = DriverOptions.parse();

        assertThat(options.mentors()).isEqualTo(5_000);
        assertThat(options.newcomers()).isEqualTo(20_000);
        assertThat(options.rate()).isEqualTo(200);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.p50TargetMillis()).isEqualTo(30);
        assertThat(options.p99TargetMillis()).isEqualTo(150);
        assertThat(options.mainRunRequests()).isEqualTo(14_000);
        assertThat(options.findMax()).isFalse();
        assertThat(options.loadsHistory()).isFalse();
        assertThat(options.idleCpu()).isZero();
        assertThat(options.seedConcurrency()).isEqualTo(64);
        assertThat(options.chartDir()).isEqualTo("load-driver/target/bench");
        assertThat(options.mongodbUri()).isEqualTo("mongodb://127.0.0.1:27017");
    }

    @Test
    void growthModeIdleCpuAndChartsAreFlagsToo() {
        DriverOptions options = DriverOptions.parse(
                "--history-requests",
                "100000",
                "--history-open-proposals=20000",
                "--idle-cpu",
                "30",
                "--chart-dir",
                "/tmp/bench",
                "--mongodb-uri",
                "mongodb://127.0.0.1:27018");

        assertThat(options.historyRequests()).isEqualTo(100_000);
        assertThat(options.historyOpenProposals()).isEqualTo(20_000);
        assertThat(options.loadsHistory()).isTrue();
        assertThat(options.idleCpu()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.chartDir()).isEqualTo("/tmp/bench");
        assertThat(options.mongodbUri()).isEqualTo("mongodb://127.0.0.1:27018");
    }

    @Test
    void refusesANegativeHistory() {
        assertThatThrownBy(() -> DriverOptions.parse("--history-requests", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--history-requests");
    }

    @Test
    void theFifthScaleScriptsFlagsStillParse() {
        DriverOptions options = DriverOptions.parse(
                "--mentors",
                "1000",
                "--newcomers",
                "4000",
                "--rate",
                "50",
                "--duration",
                "60",
                "--warmup",
                "10",
                "--drain",
                "30");

        assertThat(options.mainRunRequests()).isEqualTo(3_500);
        assertThat(options.drain()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void flagsTakeSeparateOrAttachedValuesAndSwitchesTakeNone() {
        DriverOptions options = DriverOptions.parse(
                "--mentors",
                "200",
                "--newcomers=500",
                "--rate",
                "20",
                "--duration",
                "10",
                "--find-max",
                "--warmup=0.5");

        assertThat(options.mentors()).isEqualTo(200);
        assertThat(options.newcomers()).isEqualTo(500);
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.findMax()).isTrue();
        assertThat(options.mainRunRequests()).isEqualTo(210);
    }

    @Test
    void theFifthScaleRunAtAHundredPerSecondNeedsMoreRequestsThanNewcomersAndIsAccepted() {
        DriverOptions options = DriverOptions.parse(
                "--mentors",
                "1000",
                "--newcomers",
                "4000",
                "--rate",
                "100",
                "--duration",
                "60",
                "--warmup",
                "10",
                "--drain",
                "30");

        assertThat(options.mainRunRequests()).isEqualTo(7_000);
        // Every tenth request is accepted; its newcomers' share of the 4,000 watch their own stream.
        assertThat(options.watchedNewcomers()).isEqualTo(400);
    }

    @Test
    void refusesFewerNewcomersThanFiveSecondsOfRequests() {
        assertThat(DriverOptions.minimumNewcomers(100)).isEqualTo(500);
        assertThat(DriverOptions.parse("--newcomers", "500", "--rate", "100").newcomers())
                .isEqualTo(500);

        assertThatThrownBy(() -> DriverOptions.parse("--newcomers", "499", "--rate", "100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--newcomers 499 is too few for --rate 100")
                .hasMessageContaining("at least rate x 5 s = 500");
    }

    @Test
    void watchesNoMoreNewcomersThanTheLargestRunSamplesAndNoneWithoutAccepts() {
        // 200/s for 70 s samples 1,400: as many streams as sampled requests, each newcomer used once.
        assertThat(DriverOptions.parse().watchedNewcomers()).isEqualTo(1_400);
        // The rate search's last step (1,000/s for 20 s) samples 2,000: the tenth share of 20,000 caps it.
        assertThat(DriverOptions.parse("--find-max").watchedNewcomers()).isEqualTo(2_000);
        assertThat(DriverOptions.parse("--accept-every", "0").watchedNewcomers())
                .isZero();
    }

    @Test
    void refusesUnknownFlags() {
        assertThatThrownBy(() -> DriverOptions.parse("--mentor", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown flag --mentor");
    }
}
