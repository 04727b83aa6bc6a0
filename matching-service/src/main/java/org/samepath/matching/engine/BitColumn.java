package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One attribute of every mentor as a bitmask: each value seen is interned to a bit position at insert time, and
 * row {@code r} occupies {@code stride} longs from {@code r * stride}. The stride grows (and the rows are re-laid)
 * when a vocabulary outgrows 64, 128, ... values, so a program can extend its vocabulary freely. Not thread-safe:
 * {@link MentorPool} guards it.
 */
final class BitColumn {

    private final Map<String, Integer> bitOf = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    long[] words;
    int stride = 1;

    BitColumn(int rows) {
        words = new long[rows];
    }

    /** @return the bit of {@code value}, or -1 when no mentor ever had it */
    int bitOf(String value) {
        return bitOf.getOrDefault(value, -1);
    }

    List<String> values() {
        return values;
    }

    void write(int row, Collection<String> rowValues) {
        for (String value : rowValues) {
            if (!bitOf.containsKey(value)) {
                bitOf.put(value, values.size());
                values.add(value);
            }
        }
        if (values.size() > stride * 64) {
            restride((values.size() + 63) / 64);
        }
        int base = row * stride;
        Arrays.fill(words, base, base + stride, 0L);
        for (String value : rowValues) {
            int bit = bitOf.get(value);
            words[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    void growRows(int rows) {
        words = Arrays.copyOf(words, rows * stride);
    }

    void copyRow(int from, int to) {
        System.arraycopy(words, from * stride, words, to * stride, stride);
    }

    void clearRow(int row) {
        Arrays.fill(words, row * stride, row * stride + stride, 0L);
    }

    private void restride(int newStride) {
        int rows = words.length / stride;
        long[] relaid = new long[rows * newStride];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(words, row * stride, relaid, row * newStride, stride);
        }
        words = relaid;
        stride = newStride;
    }
}
