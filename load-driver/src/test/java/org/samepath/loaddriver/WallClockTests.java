package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallClockTests {

    private final Instant anchor = Instant.parse("2026-12-07T20:00:00Z");
    private final WallClock clock = new WallClock(anchor.toEpochMilli() * 1_000_000L, 5_000_000_000L);

    @Test
    void putsAWallClockStampOnTheNanoTimeScale() {
        assertThat(clock.nanoTimeOfEpochMillis(anchor.toEpochMilli() + 25)).isEqualTo(5_025_000_000L);
        assertThat(clock.nanoTimeOf(anchor.minusMillis(1))).isEqualTo(4_999_000_000L);
    }

    @Test
    void andBack() {
        assertThat(clock.instantOfNanoTime(6_500_000_000L)).isEqualTo(anchor.plusMillis(1_500));
        assertThat(clock.instantOfNanoTime(clock.nanoTimeOf(anchor.plusNanos(123_456_789))))
                .isEqualTo(anchor.plusNanos(123_456_789));
    }
}
