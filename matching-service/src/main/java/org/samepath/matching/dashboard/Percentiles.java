package org.samepath.matching.dashboard;

import java.time.Duration;
import java.util.List;

/** Nearest-rank percentiles, the definition a coordinator can check by hand: p50 of 1..10 minutes is 5 minutes. */
final class Percentiles {

    private Percentiles() {}

    static Duration of(List<Duration> values, int percentile) {
        if (values.isEmpty()) {
            return Duration.ZERO;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
