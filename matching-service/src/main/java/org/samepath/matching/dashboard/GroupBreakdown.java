package org.samepath.matching.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Waiting time per group (a language, a recovery pathway) with small groups suppressed, so nobody can be singled out:
 * a group of fewer than {@link #MINIMUM_GROUP} people is never shown on its own. Suppressed groups are pooled into one
 * "other" row, which is itself only shown once it reaches the minimum. A person with several languages counts in each
 * of their groups.
 *
 * @param dimension what the groups are ("language", "pathway")
 * @param suppressedGroups how many groups were too small to show
 */
public record GroupBreakdown(String dimension, List<Row> rows, int suppressedGroups) {

    public static final int MINIMUM_GROUP = 5;
    public static final String OTHER_GROUPS = "other (groups under 5)";

    /** @param medianWaitSeconds the median of the group's current waiting times */
    public record Row(String group, int people, long medianWaitSeconds) {}

    static GroupBreakdown of(String dimension, Map<String, List<Duration>> waitsByGroup) {
        List<Map.Entry<String, List<Duration>>> large = new ArrayList<>();
        List<Duration> pooled = new ArrayList<>();
        int suppressed = 0;
        for (Map.Entry<String, List<Duration>> group : waitsByGroup.entrySet()) {
            if (group.getValue().size() >= MINIMUM_GROUP) {
                large.add(group);
            } else {
                suppressed++;
                pooled.addAll(group.getValue());
            }
        }
        // Secondary suppression: a pool too small to show could still be worked out as "everyone minus the shown
        // groups", so the smallest shown groups join it until it is large enough to stand on its own.
        large.sort(Comparator.comparingInt((Map.Entry<String, List<Duration>> group) ->
                        group.getValue().size())
                .thenComparing(Map.Entry::getKey));
        while (!pooled.isEmpty() && pooled.size() < MINIMUM_GROUP && !large.isEmpty()) {
            pooled.addAll(large.remove(0).getValue());
            suppressed++;
        }
        List<Row> shown = new ArrayList<>(large.stream()
                .map(group -> row(group.getKey(), group.getValue()))
                .toList());
        shown.sort(Comparator.comparingInt(Row::people).reversed().thenComparing(Row::group));
        if (pooled.size() >= MINIMUM_GROUP) {
            shown.add(row(OTHER_GROUPS, pooled));
        }
        return new GroupBreakdown(dimension, List.copyOf(shown), suppressed);
    }

    private static Row row(String group, List<Duration> waits) {
        return new Row(group, waits.size(), Percentiles.of(waits, 50).toSeconds());
    }
}
