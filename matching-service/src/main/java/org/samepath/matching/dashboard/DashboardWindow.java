package org.samepath.matching.dashboard;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException;

/** The window a coordinator chooses for time-to-match and proposal outcomes. */
public enum DashboardWindow {
    HOUR("1h", Duration.ofHours(1)),
    DAY("24h", Duration.ofDays(1)),
    WEEK("7d", Duration.ofDays(7)),
    MONTH("30d", Duration.ofDays(30));

    private final String label;
    private final Duration length;

    DashboardWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** @throws InvalidFieldException naming {@code window} for anything but the four labels */
    public static DashboardWindow parse(String label) {
        if (label == null || label.isBlank()) {
            return DAY;
        }
        return Arrays.stream(values())
                .filter(window -> window.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(
                        "window",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(DashboardWindow::label)
                                        .collect(Collectors.joining(", "))));
    }
}
