package org.samepath.matching.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one request scores a mentor, as {@link Term}s normalised so a perfect mentor earns 100 points. A criterion
 * counts only when the newcomer has something on it (and, for {@link Criterion#MENTOR_LOAD}, always); each
 * {@code PREFER} preference adds {@link MatchingSettings#preferenceBonus()} to the total and earns it when met. The
 * {@link FastScorer} adds the same integers in a straight line; the terms are the reference and the breakdown.
 */
final class Scoring {

    final List<Preference> prefers;
    final List<Term> preferTerms = new ArrayList<>();
    final double[] maxPoints = new double[Criterion.values().length];

    private final Term[] terms;
    private final long[] loadPoints;
    private final int[] zonePermille;
    private final short[] zone;
    private final byte[] loadCode;
    private final FastScorer fast;

    Scoring(Newcomer newcomer, MentorColumns columns, MatchingSettings settings, Instant now) {
        PersonAttributes person = newcomer.attributes();
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
        List<Term> scoring = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            double points = weights[criterion.ordinal()] * scale;
            maxPoints[criterion.ordinal()] = points;
            if (points == 0 || criterion == Criterion.MENTOR_LOAD) {
                continue;
            }
            BitColumn column = columns.column(Attribute.of(criterion));
            Set<String> values = Attribute.of(criterion).valuesOf(person);
            BitQuery query = BitQuery.of(column, values);
            switch (criterion) {
                case SHARED_EXPERIENCE, PATHWAY, IDENTITY -> add(
                        scoring, Term.share(criterion, query, points, values.size(), false));
                case AVAILABILITY -> add(
                        scoring, Term.share(criterion, query, points, values.size(), person.timeZone() != null));
                case AGE_BAND -> {
                    add(scoring, Term.any(criterion, query, points, false));
                    List<String> adjacent = column.values().stream()
                            .filter(band -> AgeBands.adjacent(band, person.ageBand()))
                            .toList();
                    add(scoring, Term.any(criterion, BitQuery.of(column, adjacent), points / 2, false));
                }
                default -> add(scoring, Term.any(criterion, query, points, false));
            }
        }
        double bonus = settings.preferenceBonus() * scale;
        for (Preference prefer : prefers) {
            BitColumn column = columns.column(Attribute.of(prefer.criterion()));
            Term term =
                    Term.any(prefer.criterion(), BitQuery.of(column, RequestPlan.wanted(prefer, person)), bonus, true);
            preferTerms.add(term);
            maxPoints[prefer.criterion().ordinal()] += bonus;
            add(scoring, term);
        }
        terms = scoring.toArray(Term[]::new);
        loadPoints = loadPoints(weights[Criterion.MENTOR_LOAD.ordinal()] * scale);
        zonePermille = zonePermille(person.timeZone(), columns.zones, now);
        zone = columns.zone;
        loadCode = columns.loadCode;
        fast = FastScorer.of(terms, columns, this);
    }

    /** The score in micro-points: the hot path of ranking. */
    long score(int row) {
        return fast != null ? fast.score(row) : termByTerm(row);
    }

    /** The score, or -1 when it is sure to be below {@code threshold} (the fast path stops early then). */
    long scoreUnlessBelow(int row, long threshold) {
        return fast != null ? fast.scoreUnlessBelow(row, threshold) : termByTerm(row);
    }

    long termByTerm(int row) {
        long score = loadPoints(row);
        int permille = zonePermille(row);
        for (Term term : terms) {
            score += term.points(row, permille);
        }
        return score;
    }

    boolean hasFastPath() {
        return fast != null;
    }

    long loadPoints(int row) {
        return loadPoints[loadCode[row]];
    }

    int zonePermille(int row) {
        return zonePermille == null ? 1000 : zonePermille[zone[row]];
    }

    /** Micro-points earned per criterion; they add up to {@link #score} exactly. */
    long[] pointsByCriterion(int row) {
        long[] points = new long[Criterion.values().length];
        points[Criterion.MENTOR_LOAD.ordinal()] = loadPoints(row);
        for (Term term : terms) {
            points[term.criterion.ordinal()] += term.points(row, zonePermille(row));
        }
        return points;
    }

    /** Micro-points by {@link MentorColumns#loadCode}: the share of the capacity that is free. */
    private static long[] loadPoints(double points) {
        long[] byCode = new long[MentorColumns.LOAD_CODES * MentorColumns.LOAD_CODES];
        for (int capacity = 1; capacity <= Mentor.MAX_CAPACITY; capacity++) {
            for (int free = 0; free <= capacity; free++) {
                byCode[capacity * MentorColumns.LOAD_CODES + free] = Term.micros(points * free / capacity);
            }
        }
        return byCode;
    }

    /**
     * Pairs whose clocks are within 2 hours keep the whole availability overlap; beyond that it fades linearly to
     * nothing at 10 hours apart, since "Monday evening" then means different hours to each. Unknown zones cost nothing.
     */
    static int zonePermille(ZoneId newcomerZone, ZoneId mentorZone, Instant now) {
        int seconds = Math.abs(newcomerZone.getRules().getOffset(now).getTotalSeconds()
                - mentorZone.getRules().getOffset(now).getTotalSeconds());
        double hours = seconds / 3600.0;
        return (int) Math.round(1000 * (hours <= 2 ? 1.0 : Math.max(0.0, 1.0 - (hours - 2) / 8)));
    }

    private static int[] zonePermille(String newcomerZone, List<ZoneId> zones, Instant now) {
        if (newcomerZone == null) {
            return null;
        }
        ZoneId own;
        try {
            own = ZoneId.of(newcomerZone);
        } catch (DateTimeException unknownZone) {
            return null;
        }
        int[] permille = new int[zones.size()];
        permille[0] = 1000;
        for (int code = 1; code < zones.size(); code++) {
            permille[code] = zonePermille(own, zones.get(code), now);
        }
        return permille;
    }

    /** A term no mentor can meet earns nothing and is left out. */
    private static void add(List<Term> terms, Term term) {
        if (!term.query.matchesNothing()) {
            terms.add(term);
        }
    }
}
