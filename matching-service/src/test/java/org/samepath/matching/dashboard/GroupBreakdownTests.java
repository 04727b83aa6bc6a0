package org.samepath.matching.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samepath.matching.dashboard.GroupBreakdown.Row;

class GroupBreakdownTests {

    @Test
    void groupsOfFiveOrMoreAreShownWithTheirMedianWait() {
        GroupBreakdown breakdown = GroupBreakdown.of(
                "language", Map.of("en", waits(1, 2, 3, 4, 5, 6, 7), "es", waits(10, 20, 30, 40, 50)));

        assertThat(breakdown.rows())
                .containsExactly(
                        new Row("en", 7, Duration.ofMinutes(4).toSeconds()),
                        new Row("es", 5, Duration.ofMinutes(30).toSeconds()));
        assertThat(breakdown.suppressedGroups()).isZero();
    }

    @Test
    void smallGroupsAreNeverShownAloneButPooledOnceThePoolReachesFive() {
        Map<String, List<Duration>> groups = new LinkedHashMap<>();
        groups.put("en", waits(1, 2, 3, 4, 5, 6));
        groups.put("sw", waits(100, 200));
        groups.put("yo", waits(300, 400, 500));

        GroupBreakdown breakdown = GroupBreakdown.of("language", groups);

        assertThat(breakdown.rows()).extracting(Row::group).containsExactly("en", GroupBreakdown.OTHER_GROUPS);
        assertThat(breakdown.rows().get(1).people()).isEqualTo(5);
        assertThat(breakdown.suppressedGroups()).isEqualTo(2);
    }

    @Test
    void aLoneSmallGroupCannotBeWorkedOutByDifferenceSoTheSmallestShownGroupJoinsIt() {
        Map<String, List<Duration>> groups = new LinkedHashMap<>();
        groups.put("en", waits(1, 2, 3, 4, 5, 6, 7, 8));
        groups.put("es", waits(1, 2, 3, 4, 5));
        groups.put("sw", waits(100));

        GroupBreakdown breakdown = GroupBreakdown.of("language", groups);

        assertThat(breakdown.rows()).extracting(Row::group).containsExactly("en", GroupBreakdown.OTHER_GROUPS);
        assertThat(breakdown.rows().get(1).people()).isEqualTo(6);
        assertThat(breakdown.rows()).allSatisfy(row -> assertThat(row.people()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void whenEverythingIsSmallNothingIsShown() {
        GroupBreakdown breakdown = GroupBreakdown.of("pathway", Map.of("SMART", waits(1, 2), "FAITH", waits(3)));

        assertThat(breakdown.rows()).isEmpty();
        assertThat(breakdown.suppressedGroups()).isEqualTo(2);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> oneToTen = waits(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Collections.shuffle(oneToTen);
        assertThat(Percentiles.of(oneToTen, 50)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Percentiles.of(oneToTen, 90)).isEqualTo(Duration.ofMinutes(9));
        assertThat(Percentiles.of(List.of(), 90)).isEqualTo(Duration.ZERO);
    }

    private static List<Duration> waits(int... minutes) {
        List<Duration> waits = new ArrayList<>();
        for (int m : minutes) {
            waits.add(Duration.ofMinutes(m));
        }
        return waits;
    }
}
