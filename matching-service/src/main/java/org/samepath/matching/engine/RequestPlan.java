package org.samepath.matching.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One newcomer's request compiled against the pool's columns: the {@code MUST} preferences as bit queries, every
 * scoring component as a {@link Term} with its weight already normalised, the time-zone factor per zone, the
 * recovery cut-off day. Ranking then costs a few ANDs, bit counts and multiply-adds per mentor. Valid only while
 * the pool's read lock is held.
 */
final class RequestPlan {

    final Newcomer newcomer;
    final MatchingSettings settings;
    final Instant now;
    final long cutoffDay;
    final List<Preference> musts;
    final BitQuery[] mustQueries;
    final byte[] mustFilters;
    final List<Preference> prefers;
    final List<Term> preferTerms;
    final double[] maxPoints = new double[Criterion.values().length];

    private final Term[] terms;
    private final double loadPoints;
    private final double[] zoneFactors;
    private final short[] zone;
    private final float[] freeShare;

    RequestPlan(Newcomer newcomer, MentorColumns columns, MatchingSettings settings, Instant now) {
        this.newcomer = newcomer;
        this.settings = settings;
        this.now = now;
        this.cutoffDay = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .minus(settings.minimumTimeInRecovery())
                .toEpochDay();
        this.zone = columns.zone;
        this.freeShare = columns.freeShare;
        PersonAttributes person = newcomer.attributes();

        musts = new ArrayList<>(newcomer.preferences(Strength.MUST));
        musts.sort(Comparator.comparing(Preference::criterion));
        mustQueries = new BitQuery[musts.size()];
        mustFilters = new byte[musts.size()];
        for (int m = 0; m < musts.size(); m++) {
            Preference must = musts.get(m);
            mustQueries[m] = BitQuery.of(columns.column(Attribute.of(must.criterion())), wanted(must, person));
            mustFilters[m] = (byte) HardFilter.mustFor(must.criterion()).ordinal();
        }

        prefers = newcomer.preferences(Strength.PREFER);
        double[] weights = new double[Criterion.values().length];
        double total = settings.preferenceBonus() * (double) prefers.size();
        for (Criterion criterion : Criterion.values()) {
            boolean applicable = criterion == Criterion.MENTOR_LOAD
                    || !Attribute.of(criterion).valuesOf(person).isEmpty();
            weights[criterion.ordinal()] = applicable ? settings.weight(criterion) : 0;
            total += weights[criterion.ordinal()];
        }
        double scale = total == 0 ? 0 : 100.0 / total;
        for (Criterion criterion : Criterion.values()) {
            maxPoints[criterion.ordinal()] = weights[criterion.ordinal()] * scale;
        }

        List<Term> scoring = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            double points = weights[criterion.ordinal()] * scale;
            if (points == 0 || criterion == Criterion.MENTOR_LOAD) {
                continue;
            }
            BitColumn column = columns.column(Attribute.of(criterion));
            Set<String> values = Attribute.of(criterion).valuesOf(person);
            BitQuery query = BitQuery.of(column, values);
            switch (criterion) {
                case SHARED_EXPERIENCE, PATHWAY, IDENTITY -> add(
                        scoring, new Term(criterion, query, points / values.size(), 0, false));
                case AVAILABILITY -> add(
                        scoring, new Term(criterion, query, points / values.size(), 0, person.timeZone() != null));
                case AGE_BAND -> {
                    add(scoring, new Term(criterion, query, 0, points, false));
                    List<String> adjacent = column.values().stream()
                            .filter(band -> AgeBands.adjacent(band, person.ageBand()))
                            .toList();
                    add(scoring, new Term(criterion, BitQuery.of(column, adjacent), 0, points / 2, false));
                }
                default -> add(scoring, new Term(criterion, query, 0, points, false));
            }
        }
        loadPoints = weights[Criterion.MENTOR_LOAD.ordinal()] * scale;

        preferTerms = new ArrayList<>();
        double bonus = settings.preferenceBonus() * scale;
        for (Preference prefer : prefers) {
            BitColumn column = columns.column(Attribute.of(prefer.criterion()));
            Term term = new Term(prefer.criterion(), BitQuery.of(column, wanted(prefer, person)), 0, bonus, false);
            preferTerms.add(term);
            maxPoints[prefer.criterion().ordinal()] += bonus;
            if (bonus > 0) {
                add(scoring, term);
            }
        }
        terms = scoring.toArray(Term[]::new);
        zoneFactors = zoneFactors(person.timeZone(), columns.zones, now);
    }

    /** The 0-100 score before rounding; the hot path of ranking. */
    double score(int row) {
        double score = loadPoints * freeShare[row];
        double zoneFactor = zoneFactor(row);
        for (Term term : terms) {
            score += term.points(row, zoneFactor);
        }
        return score;
    }

    double zoneFactor(int row) {
        return zoneFactors == null ? 1.0 : zoneFactors[zone[row]];
    }

    double[] pointsByCriterion(int row) {
        double[] points = new double[Criterion.values().length];
        points[Criterion.MENTOR_LOAD.ordinal()] = loadPoints * freeShare[row];
        for (Term term : terms) {
            points[term.criterion.ordinal()] += term.points(row, zoneFactor(row));
        }
        return points;
    }

    /** The values a preference asks the mentor to have. */
    static Set<String> wanted(Preference preference, PersonAttributes newcomer) {
        if (preference.value() == null) {
            return newcomer.livedExperience().keySet();
        }
        return Set.of(preference.value());
    }

    /**
     * Pairs whose clocks are within 2 hours keep the whole availability overlap; beyond that it fades linearly to
     * nothing at 10 hours apart, since "Monday evening" then means different hours to each. Unknown zones cost nothing.
     */
    static double zoneFactor(ZoneId newcomerZone, ZoneId mentorZone, Instant now) {
        int seconds = Math.abs(newcomerZone.getRules().getOffset(now).getTotalSeconds()
                - mentorZone.getRules().getOffset(now).getTotalSeconds());
        double hours = seconds / 3600.0;
        return hours <= 2 ? 1.0 : Math.max(0.0, 1.0 - (hours - 2) / 8);
    }

    private static double[] zoneFactors(String newcomerZone, List<ZoneId> zones, Instant now) {
        if (newcomerZone == null) {
            return null;
        }
        ZoneId own;
        try {
            own = ZoneId.of(newcomerZone);
        } catch (DateTimeException unknownZone) {
            return null;
        }
        double[] factors = new double[zones.size()];
        factors[0] = 1.0;
        for (int code = 1; code < zones.size(); code++) {
            factors[code] = zoneFactor(own, zones.get(code), now);
        }
        return factors;
    }

    private static void add(List<Term> terms, Term term) {
        if (!term.query.matchesNothing()) {
            terms.add(term);
        }
    }
}
