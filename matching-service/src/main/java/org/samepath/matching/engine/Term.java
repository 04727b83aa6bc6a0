package org.samepath.matching.engine;

/**
 * One scoring component of a request, already normalised to the 0-100 scale: {@code perShared} points for each
 * shared value plus {@code ifAnyShared} points when at least one is shared, scaled by the pair's time-zone factor
 * when {@code zoneAdjusted}.
 */
final class Term {

    final Criterion criterion;
    final BitQuery query;
    final double perShared;
    final double ifAnyShared;
    final boolean zoneAdjusted;

    Term(Criterion criterion, BitQuery query, double perShared, double ifAnyShared, boolean zoneAdjusted) {
        this.criterion = criterion;
        this.query = query;
        this.perShared = perShared;
        this.ifAnyShared = ifAnyShared;
        this.zoneAdjusted = zoneAdjusted;
    }

    double points(int row, double zoneFactor) {
        int shared = query.overlap(row);
        if (shared == 0) {
            return 0;
        }
        double points = shared * perShared + ifAnyShared;
        return zoneAdjusted ? points * zoneFactor : points;
    }
}
