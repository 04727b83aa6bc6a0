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
    void refusesMoreRequestsThanNewcomersBecauseEachMayHaveOnlyOneOpen() {
        assertThatThrownBy(() -> DriverOptions.parse("--newcomers", "100", "--rate", "20", "--duration", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one open request");
    }

    @Test
    void refusesUnknownFlags() {
        assertThatThrownBy(() -> DriverOptions.parse("--mentor", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown flag --mentor");
    }
}
