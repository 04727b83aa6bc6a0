package org.samepath.matching.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * Gives every mentor a {@code long} label that sorts like their id, so ranking breaks ties with one comparison
 * instead of comparing strings. A new id takes a label between its neighbours' (a fixed step past the end when
 * appended in order); when no label is free there, every row is relabelled evenly, which is rare. Not thread-safe:
 * {@link MentorPool} guards it.
 */
final class IdOrder {

    private static final long STEP = 1L << 32;

    private final TreeMap<String, Integer> rowById = new TreeMap<>();

    Map<String, Integer> rows() {
        return rowById;
    }

    /** Registers a new id at {@code row} and writes its label into {@code order}. */
    void add(String id, int row, long[] order) {
        rowById.put(id, row);
        Map.Entry<String, Integer> lower = rowById.lowerEntry(id);
        Map.Entry<String, Integer> higher = rowById.higherEntry(id);
        long low = lower == null ? Long.MIN_VALUE : order[lower.getValue()];
        long high = higher == null ? Long.MAX_VALUE : order[higher.getValue()];
        Long label = between(low, high, lower == null, higher == null);
        if (label != null) {
            order[row] = label;
        } else {
            relabel(order);
        }
    }

    void remove(String id) {
        rowById.remove(id);
    }

    void moved(String id, int row) {
        rowById.put(id, row);
    }

    private static Long between(long low, long high, boolean first, boolean last) {
        if (last && !first && high - STEP > low) {
            return low + STEP;
        }
        if (first && !last && low + STEP < high) {
            return high - STEP;
        }
        long middle = (low >> 1) + (high >> 1) + (low & high & 1);
        return middle > low && middle < high ? middle : null;
    }

    private void relabel(long[] order) {
        long gap = Long.divideUnsigned(-1L, rowById.size() + 1L);
        long label = Long.MIN_VALUE;
        for (int row : rowById.values()) {
            label += gap;
            order[row] = label;
        }
    }
}
