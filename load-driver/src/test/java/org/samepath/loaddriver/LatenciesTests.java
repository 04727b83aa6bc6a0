package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTests {

    @Test
    void percentilesOfOneToAHundredMillisecondsAreThoseMilliseconds() {
        Latencies latencies = new Latencies();
        for (int millis = 100; millis >= 1; millis--) {
            latencies.recordNanos(millis * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isCloseTo(50, within(0.1));
        assertThat(latencies.percentileMillis(90)).isCloseTo(90, within(0.1));
        assertThat(latencies.percentileMillis(99)).isCloseTo(99, within(0.1));
        assertThat(latencies.maxMillis()).isCloseTo(100, within(0.1));
        assertThat(latencies.summary()).isEqualTo("50.0 / 90.0 / 99.0 / 100 ms");
    }

    @Test
    void anEffectSeenBeforeItsCauseCountsAsZeroAndIsReported() {
        Latencies latencies = new Latencies();
        latencies.recordNanos(-3_000_000L);
        latencies.recordNanos(2_000_000L);

        assertThat(latencies.count()).isEqualTo(2);
        assertThat(latencies.negative()).isEqualTo(1);
        assertThat(latencies.percentileMillis(50)).isZero();
    }

    @Test
    void nothingRecordedSaysSoInsteadOfInventingZero() {
        assertThat(new Latencies().summary()).isEqualTo("n/a");
        assertThat(new Latencies().percentileMillis(99)).isNaN();
    }
}
