package org.samepath.matching.engine;

/**
 * One pass over the pool for one request, 64 rows at a time: the hard filters are ANDs of bitsets (approved,
 * available, the rows with each value a {@code MUST} accepts) counted with bit counts, in {@link HardFilter}
 * order so each removed mentor is counted under the first filter that removes them; only the rows left are
 * scored and offered to the bounded shortlist. Deciding the filters word by word avoids a branch per mentor on
 * facts (full or not, speaks Spanish or not) that are random from row to row. Pair exclusions are few and known
 * up front: their bits are cleared from the words they fall in.
 */
final class PoolScan {

    /** Index 0 counts the mentors considered; {@link MentorColumns#code} indexes the others. */
    final int[] counts = new int[HardFilter.values().length + 1];

    final TopCandidates shortlist;

    private final MentorColumns columns;
    private final RequestPlan plan;

    private PoolScan(MentorColumns columns, RequestPlan plan, int shortlistSize) {
        this.columns = columns;
        this.plan = plan;
        this.shortlist = new TopCandidates(shortlistSize, columns.order);
    }

    static PoolScan run(MentorColumns columns, RequestPlan plan, ExcludedRows excluded, int shortlistSize) {
        PoolScan scan = new PoolScan(columns, plan, shortlistSize);
        for (HardFilter filter : excluded.filters) {
            scan.counts[MentorColumns.code(filter)]++;
        }
        scan.scan(excluded.rows);
        return scan;
    }

    int considered() {
        return counts[0];
    }

    int removedBy(HardFilter filter) {
        return counts[MentorColumns.code(filter)];
    }

    private void scan(int[] excludedRows) {
        int size = columns.size;
        long[] approved = columns.approved;
        long[] available = columns.available;
        int[] recoveryDay = columns.recoveryDay;
        long cutoffDay = plan.cutoffDay;
        long[][][] mustRows = plan.mustRows;
        byte[] mustCodes = plan.mustFilters;
        Scoring scoring = plan.scoring;
        TopCandidates top = shortlist;
        long threshold = top.threshold();
        int notApproved = 0;
        int noFreeSlot = 0;
        int tooEarly = 0;
        int considered = 0;
        int nextExcluded = 0;
        for (int w = 0, words = (size + 63) >>> 6; w < words; w++) {
            long excluded = 0;
            while (nextExcluded < excludedRows.length && excludedRows[nextExcluded] >>> 6 == w) {
                excluded |= 1L << excludedRows[nextExcluded++];
            }
            long live = (w << 6) + 64 <= size ? -1L : (1L << size) - 1;
            notApproved += Long.bitCount(live & ~approved[w] & ~excluded);
            noFreeSlot += Long.bitCount(approved[w] & ~available[w] & ~excluded);
            long left = available[w] & ~excluded;
            for (long rows = left; rows != 0; rows &= rows - 1) {
                int row = (w << 6) + Long.numberOfTrailingZeros(rows);
                if (recoveryDay[row] > cutoffDay) {
                    left &= ~(1L << row);
                    tooEarly++;
                }
            }
            for (int m = 0; m < mustRows.length && left != 0; m++) {
                long accepted = 0;
                for (long[] rowsWithValue : mustRows[m]) {
                    accepted |= rowsWithValue[w];
                }
                counts[mustCodes[m]] += Long.bitCount(left & ~accepted);
                left &= accepted;
            }
            for (; left != 0; left &= left - 1) {
                int row = (w << 6) + Long.numberOfTrailingZeros(left);
                considered++;
                long score = scoring.scoreUnlessBelow(row, threshold);
                if (score >= threshold) {
                    top.offer(row, score);
                    threshold = top.threshold();
                }
            }
        }
        counts[MentorColumns.code(HardFilter.NOT_APPROVED)] += notApproved;
        counts[MentorColumns.code(HardFilter.NO_FREE_SLOT)] += noFreeSlot;
        counts[MentorColumns.code(HardFilter.TOO_LITTLE_TIME_IN_RECOVERY)] += tooEarly;
        counts[0] += considered;
    }
}
