package org.samepath.matching.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One newcomer's request compiled against the pool's columns: the recovery cut-off day, the {@code MUST}
 * preferences as bit queries (in {@link HardFilter} order) and the {@link Scoring}. Ranking then costs a few ANDs
 * and bit counts per mentor. Valid only while the pool's read lock is held.
 */
final class RequestPlan {

    final Newcomer newcomer;
    final MatchingSettings settings;
    final long cutoffDay;
    final List<Preference> musts;
    final BitQuery[] mustQueries;
    /** Per {@code MUST}, the row bitsets of the values it accepts (a row passes when in any of them). */
    final long[][][] mustRows;

    final byte[] mustFilters;
    final Scoring scoring;

    RequestPlan(Newcomer newcomer, MentorColumns columns, MatchingSettings settings, Instant now) {
        this.newcomer = newcomer;
        this.settings = settings;
        this.cutoffDay = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .minus(settings.minimumTimeInRecovery())
                .toEpochDay();
        musts = new ArrayList<>(newcomer.preferences(Strength.MUST));
        musts.sort(Comparator.comparing(Preference::criterion));
        mustQueries = new BitQuery[musts.size()];
        mustRows = new long[musts.size()][][];
        mustFilters = new byte[musts.size()];
        for (int m = 0; m < musts.size(); m++) {
            Preference must = musts.get(m);
            BitColumn column = columns.column(Attribute.of(must.criterion()));
            Set<String> wanted = wanted(must, newcomer.attributes());
            mustQueries[m] = BitQuery.of(column, wanted);
            mustRows[m] = wanted.stream()
                    .mapToInt(column::bitOf)
                    .filter(bit -> bit >= 0)
                    .mapToObj(column::rowsWith)
                    .toArray(long[][]::new);
            mustFilters[m] = MentorColumns.code(HardFilter.mustFor(must.criterion()));
        }
        scoring = new Scoring(newcomer, columns, settings, now);
    }

    /** The values a preference asks the mentor to have. */
    static Set<String> wanted(Preference preference, PersonAttributes newcomer) {
        if (preference.value() == null) {
            return newcomer.livedExperience().keySet();
        }
        return Set.of(preference.value());
    }
}
