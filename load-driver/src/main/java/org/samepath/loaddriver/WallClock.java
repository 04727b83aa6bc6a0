package org.samepath.loaddriver;

import java.time.Instant;

/**
 * Puts times stamped by others (a Kafka record's timestamp, a notification's {@code createdAt}, both wall-clock
 * times of this machine) on the driver's {@link System#nanoTime()} scale, so they can be subtracted from the driver's
 * own times. Anchored once per load run: over a run of a few minutes the two clocks drift apart by far less than the
 * millisecond those stamps carry, even while the wall clock is being slewed.
 */
final class WallClock {

    private final long anchorEpochNanos;
    private final long anchorNanoTime;

    WallClock(long anchorEpochNanos, long anchorNanoTime) {
        this.anchorEpochNanos = anchorEpochNanos;
        this.anchorNanoTime = anchorNanoTime;
    }

    static WallClock anchoredNow() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        return new WallClock(epochNanos(now), before + (after - before) / 2);
    }

    long nanoTimeOfEpochMillis(long epochMillis) {
        return anchorNanoTime + (epochMillis * 1_000_000L - anchorEpochNanos);
    }

    long nanoTimeOf(Instant instant) {
        return anchorNanoTime + (epochNanos(instant) - anchorEpochNanos);
    }

    Instant instantOfNanoTime(long nanoTime) {
        long epochNanos = anchorEpochNanos + (nanoTime - anchorNanoTime);
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
