package org.samepath.loaddriver;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds with three significant digits (HdrHistogram), up to ten minutes. A
 * negative interval (the later event was seen first, e.g. a notification parsed before the HTTP answer that caused
 * it) is recorded as zero and counted, never dropped.
 */
final class Latencies {

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    private long negative;

    void recordNanos(long nanos) {
        if (nanos < 0) {
            negative++;
            nanos = 0;
        }
        histogram.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    long negative() {
        return negative;
    }

    double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    /** {@code p50 / p90 / p99 / max} in milliseconds, or {@code n/a} when nothing was recorded. */
    String summary() {
        if (count() == 0) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%s / %s / %s / %s ms",
                millis(percentileMillis(50)),
                millis(percentileMillis(90)),
                millis(percentileMillis(99)),
                millis(maxMillis()));
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value < 10
                ? String.format(Locale.ROOT, "%.2f", value)
                : value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}
