package org.samepath.matching.engine;

import java.util.Collection;
import java.util.TreeMap;

/**
 * A newcomer's values of one attribute, as masks over the words of a {@link BitColumn}: {@link #overlap} counts
 * how many of them a mentor's row shares with one AND and one bit count per word (a single word in practice).
 * Captures the column's arrays, so it is valid only while the pool's read lock is held.
 */
final class BitQuery {

    private final long[] words;
    private final int stride;
    private final int[] wordIndexes;
    private final long[] masks;
    private final boolean singleWord;
    private final int firstWord;
    private final long firstMask;

    private BitQuery(BitColumn column, int[] wordIndexes, long[] masks) {
        this.words = column.words;
        this.stride = column.stride;
        this.wordIndexes = wordIndexes;
        this.masks = masks;
        this.singleWord = masks.length == 1;
        this.firstWord = masks.length == 0 ? 0 : wordIndexes[0];
        this.firstMask = masks.length == 0 ? 0L : masks[0];
    }

    /** Values no mentor has are left out: they can never overlap. */
    static BitQuery of(BitColumn column, Collection<String> values) {
        TreeMap<Integer, Long> maskByWord = new TreeMap<>();
        for (String value : values) {
            int bit = column.bitOf(value);
            if (bit >= 0) {
                maskByWord.merge(bit >>> 6, 1L << bit, (a, b) -> a | b);
            }
        }
        int[] indexes = new int[maskByWord.size()];
        long[] masks = new long[maskByWord.size()];
        int k = 0;
        for (var entry : maskByWord.entrySet()) {
            indexes[k] = entry.getKey();
            masks[k++] = entry.getValue();
        }
        return new BitQuery(column, indexes, masks);
    }

    boolean matchesNothing() {
        return masks.length == 0;
    }

    /** How many values of the query some mentor has, so the most {@link #overlap} can return. */
    int bits() {
        int bits = 0;
        for (long mask : masks) {
            bits += Long.bitCount(mask);
        }
        return bits;
    }

    boolean singleWord() {
        return singleWord;
    }

    int firstWord() {
        return firstWord;
    }

    long firstMask() {
        return firstMask;
    }

    long[] words() {
        return words;
    }

    int stride() {
        return stride;
    }

    boolean hasBit(int bit) {
        for (int k = 0; k < masks.length; k++) {
            if (wordIndexes[k] == bit >>> 6 && (masks[k] & (1L << bit)) != 0) {
                return true;
            }
        }
        return false;
    }

    int overlap(int row) {
        int base = row * stride;
        if (singleWord) {
            return Long.bitCount(words[base + firstWord] & firstMask);
        }
        int shared = 0;
        for (int k = 0; k < masks.length; k++) {
            shared += Long.bitCount(words[base + wordIndexes[k]] & masks[k]);
        }
        return shared;
    }
}
