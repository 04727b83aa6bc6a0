package org.samepath.matching.engine;

/**
 * One scoring component of a request in exact fixed-point {@link #MICROS_PER_POINT micro-points}: {@code byShared[n]}
 * is what a mentor earns when sharing {@code n} of the query's values, scaled by the pair's time-zone factor when
 * {@code zoneAdjusted}. Integers keep sums exact, so every way of adding the same terms gives the same score.
 */
final class Term {

    static final long MICROS_PER_POINT = 1_000_000L;

    final Criterion criterion;
    final Attribute attribute;
    final BitQuery query;
    final long[] byShared;
    final boolean zoneAdjusted;
    final boolean preference;

    Term(Criterion criterion, BitQuery query, long[] byShared, boolean zoneAdjusted, boolean preference) {
        this.criterion = criterion;
        this.attribute = Attribute.of(criterion);
        this.query = query;
        this.byShared = byShared;
        this.zoneAdjusted = zoneAdjusted;
        this.preference = preference;
    }

    /** {@code points} (on the 0-100 scale) spread evenly over the {@code values} wanted: a share of them earns a share. */
    static Term share(Criterion criterion, BitQuery query, double points, int values, boolean zoneAdjusted) {
        long[] byShared = new long[query.bits() + 1];
        for (int shared = 1; shared < byShared.length; shared++) {
            byShared[shared] = micros(points * shared / values);
        }
        return new Term(criterion, query, byShared, zoneAdjusted, false);
    }

    /** {@code points} for sharing any of the query's values. */
    static Term any(Criterion criterion, BitQuery query, double points, boolean preference) {
        long[] byShared = new long[query.bits() + 1];
        for (int shared = 1; shared < byShared.length; shared++) {
            byShared[shared] = micros(points);
        }
        return new Term(criterion, query, byShared, false, preference);
    }

    long points(int row, int zonePermille) {
        long points = byShared[query.overlap(row)];
        return zoneAdjusted ? adjust(points, zonePermille) : points;
    }

    static long adjust(long points, int zonePermille) {
        return points * zonePermille / 1000;
    }

    static long micros(double points) {
        return Math.round(points * MICROS_PER_POINT);
    }
}
