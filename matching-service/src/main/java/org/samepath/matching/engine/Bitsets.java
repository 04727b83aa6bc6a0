package org.samepath.matching.engine;

import java.util.Arrays;

/** Bitsets over pool rows as plain {@code long[]}: row {@code r} is bit {@code r & 63} of word {@code r >>> 6}. */
final class Bitsets {

    private Bitsets() {}

    static long[] forRows(int rows) {
        return new long[(rows + 63) >>> 6];
    }

    static long[] grow(long[] bits, int rows) {
        return Arrays.copyOf(bits, (rows + 63) >>> 6);
    }

    static void set(long[] bits, int row, boolean value) {
        if (value) {
            bits[row >>> 6] |= 1L << row;
        } else {
            bits[row >>> 6] &= ~(1L << row);
        }
    }

    static boolean get(long[] bits, int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }
}
