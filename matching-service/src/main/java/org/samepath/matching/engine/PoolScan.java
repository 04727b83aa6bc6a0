package org.samepath.matching.engine;

/**
 * One pass over the pool for one request: every mentor either is counted under the first hard filter that removes
 * them or is scored and offered to the bounded shortlist. Pair exclusions are few and known up front, so the scan
 * skips their rows rather than testing every mentor for them.
 */
final class PoolScan {

    private static final int TOO_LITTLE_TIME = HardFilter.TOO_LITTLE_TIME_IN_RECOVERY.ordinal();

    final int[] removed = new int[HardFilter.values().length];
    final TopCandidates shortlist;
    int considered;

    private final MentorColumns columns;
    private final RequestPlan plan;

    private PoolScan(MentorColumns columns, RequestPlan plan, int shortlistSize) {
        this.columns = columns;
        this.plan = plan;
        this.shortlist = new TopCandidates(shortlistSize, columns.ids);
    }

    static PoolScan run(MentorColumns columns, RequestPlan plan, ExcludedRows excluded, int shortlistSize) {
        PoolScan scan = new PoolScan(columns, plan, shortlistSize);
        int from = 0;
        for (int k = 0; k < excluded.rows.length; k++) {
            scan.scan(from, excluded.rows[k]);
            scan.removed[excluded.filters[k].ordinal()]++;
            from = excluded.rows[k] + 1;
        }
        scan.scan(from, columns.size);
        return scan;
    }

    private void scan(int from, int to) {
        byte[] state = columns.state;
        int[] recoveryDay = columns.recoveryDay;
        long cutoffDay = plan.cutoffDay;
        BitQuery[] musts = plan.mustQueries;
        byte[] mustFilters = plan.mustFilters;
        Scoring scoring = plan.scoring;
        int[] removedBy = removed;
        TopCandidates top = shortlist;
        long threshold = top.threshold();
        int scored = 0;
        rows:
        for (int row = from; row < to; row++) {
            byte mentorState = state[row];
            if (mentorState != MentorColumns.AVAILABLE) {
                removedBy[mentorState]++;
                continue;
            }
            if (recoveryDay[row] > cutoffDay + 1) {
                removedBy[TOO_LITTLE_TIME]++;
                continue;
            }
            for (int m = 0; m < musts.length; m++) {
                if (musts[m].overlap(row) == 0) {
                    removedBy[mustFilters[m]]++;
                    continue rows;
                }
            }
            scored++;
            long score = scoring.score(row);
            if (score >= threshold) {
                top.offer(row, score);
                threshold = top.threshold();
            }
        }
        considered += scored;
    }
}
