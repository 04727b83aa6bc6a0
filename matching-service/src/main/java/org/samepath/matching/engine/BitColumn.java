package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One attribute of every mentor, indexed both ways. Each value seen is interned to a bit position at insert time;
 * row {@code r}'s values are a bitmask of {@code stride} longs from {@code r * stride} (for scoring a row), and each
 * value keeps a {@link Bitsets bitset} of the rows that have it (for filtering 64 rows at a time). The stride grows,
 * and the rows are re-laid, when a vocabulary outgrows 64, 128, ... values, so a program can extend its vocabulary
 * freely. Not thread-safe: {@link MentorPool} guards it.
 */
final class BitColumn {

    private final Map<String, Integer> bitOf = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final List<long[]> rowsWith = new ArrayList<>();
    private int rowCapacity;
    long[] words;
    int stride = 1;

    BitColumn(int rows) {
        rowCapacity = rows;
        words = new long[rows];
    }

    /** @return the bit of {@code value}, or -1 when no mentor ever had it */
    int bitOf(String value) {
        return bitOf.getOrDefault(value, -1);
    }

    List<String> values() {
        return values;
    }

    /** The rows that have the value of {@code bit}. */
    long[] rowsWith(int bit) {
        return rowsWith.get(bit);
    }

    void write(int row, Collection<String> rowValues) {
        for (String value : rowValues) {
            if (!bitOf.containsKey(value)) {
                bitOf.put(value, values.size());
                values.add(value);
                rowsWith.add(Bitsets.forRows(rowCapacity));
            }
        }
        if (values.size() > stride * 64) {
            restride((values.size() + 63) / 64);
        }
        clearRow(row);
        for (String value : rowValues) {
            mark(row, bitOf.get(value), true);
        }
    }

    void growRows(int rows) {
        words = Arrays.copyOf(words, rows * stride);
        rowsWith.replaceAll(bits -> Bitsets.grow(bits, rows));
        rowCapacity = rows;
    }

    void copyRow(int from, int to) {
        clearRow(to);
        forEachBit(from, bit -> mark(to, bit, true));
    }

    void clearRow(int row) {
        forEachBit(row, bit -> mark(row, bit, false));
    }

    private void mark(int row, int bit, boolean has) {
        int word = row * stride + (bit >>> 6);
        words[word] = has ? words[word] | (1L << bit) : words[word] & ~(1L << bit);
        Bitsets.set(rowsWith.get(bit), row, has);
    }

    private void forEachBit(int row, IntConsumer action) {
        for (int k = 0; k < stride; k++) {
            long word = words[row * stride + k];
            while (word != 0) {
                action.accept((k << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
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
