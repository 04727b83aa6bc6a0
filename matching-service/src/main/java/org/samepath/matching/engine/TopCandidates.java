package org.samepath.matching.engine;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The best {@code capacity} rows seen so far, as a bounded heap whose root is the worst kept; better means a higher
 * score, then the smaller mentor id (by its order label). Offering costs one comparison for the usual row that does not make the cut.
 */
final class TopCandidates {

    private final long[] order;
    private final int[] rows;
    private final long[] scores;
    private int size;

    TopCandidates(int capacity, long[] order) {
        this.order = order;
        this.rows = new int[capacity];
        this.scores = new long[capacity];
    }

    /** Scores below this cannot enter (negative ones never); equal ones may, on the id. */
    long threshold() {
        return size < rows.length ? 0 : scores[0];
    }

    void offer(int row, long score) {
        if (size < rows.length) {
            rows[size] = row;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(rows[0], scores[0], row, score)) {
            rows[0] = row;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept rows, best first, with their scores at the same index of {@code scoresOut}. */
    int[] bestFirst(long[] scoresOut) {
        Integer[] slots = new Integer[size];
        for (int i = 0; i < size; i++) {
            slots[i] = i;
        }
        Arrays.sort(slots, Comparator.comparingLong((Integer i) -> -scores[i]).thenComparingLong(i -> order[rows[i]]));
        int[] best = new int[size];
        for (int i = 0; i < size; i++) {
            best[i] = rows[slots[i]];
            scoresOut[i] = scores[slots[i]];
        }
        return best;
    }

    int size() {
        return size;
    }

    private boolean worse(int rowA, long scoreA, int rowB, long scoreB) {
        return scoreA < scoreB || (scoreA == scoreB && order[rowA] > order[rowB]);
    }

    private void siftUp(int index) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (!worse(rows[index], scores[index], rows[parent], scores[parent])) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void siftDown(int index) {
        while (true) {
            int worst = index;
            for (int child = 2 * index + 1; child <= 2 * index + 2 && child < size; child++) {
                if (worse(rows[child], scores[child], rows[worst], scores[worst])) {
                    worst = child;
                }
            }
            if (worst == index) {
                return;
            }
            swap(index, worst);
            index = worst;
        }
    }

    private void swap(int a, int b) {
        int row = rows[a];
        rows[a] = rows[b];
        rows[b] = row;
        long score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
