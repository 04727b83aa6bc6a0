package org.samepath.matching.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's mentors as parallel primitive arrays and bitsets (one row per mentor, rows dense from 0 to
 * {@code size - 1}), so a ranking streams through memory without touching an object per mentor. The records stay
 * alongside for the few rows that need explaining. Not thread-safe: {@link MentorPool} guards it.
 */
final class MentorColumns {

    /** {@link #loadCode} is {@code capacity * LOAD_CODES + free slots}. */
    static final int LOAD_CODES = Mentor.MAX_CAPACITY + 1;

    private static final int INITIAL_ROWS = 64;

    int size;
    String[] ids = new String[INITIAL_ROWS];
    /** Labels that sort like {@link #ids}, kept by {@link IdOrder}. */
    long[] order = new long[INITIAL_ROWS];

    Mentor[] mentors = new Mentor[INITIAL_ROWS];
    /** Rows whose mentor is {@code APPROVED}; of those, the ones with a free slot are {@link #available}. */
    long[] approved = Bitsets.forRows(INITIAL_ROWS);

    long[] available = Bitsets.forRows(INITIAL_ROWS);
    int[] recoveryDay = new int[INITIAL_ROWS];
    byte[] loadCode = new byte[INITIAL_ROWS];
    short[] zone = new short[INITIAL_ROWS];
    final BitColumn[] bits = new BitColumn[Attribute.COUNT];

    /** Zone code 0 is "unknown"; codes from 1 index {@link #zones}. */
    final List<ZoneId> zones = new ArrayList<>(List.of(ZoneId.of("UTC")));

    private final Map<String, Short> zoneCodes = new HashMap<>();

    MentorColumns() {
        for (int i = 0; i < bits.length; i++) {
            bits[i] = new BitColumn(INITIAL_ROWS);
        }
    }

    /** Adds a row for the mentor; the caller then labels it in {@link #order}. */
    int append(Mentor mentor) {
        if (size == ids.length) {
            grow(size * 2);
        }
        write(size, mentor);
        return size++;
    }

    void write(int row, Mentor mentor) {
        PersonAttributes person = mentor.attributes();
        ids[row] = mentor.id();
        recoveryDay[row] = mentor.recoverySince() == null
                ? Integer.MAX_VALUE
                : Math.toIntExact(mentor.recoverySince().toEpochDay());
        zone[row] = zoneCode(person.timeZone());
        for (Attribute attribute : Attribute.values()) {
            bits[attribute.ordinal()].write(row, attribute.valuesOf(person));
        }
        refreshLoad(row, mentor);
    }

    void refreshLoad(int row, Mentor mentor) {
        mentors[row] = mentor;
        boolean isApproved = mentor.status() == MentorStatus.APPROVED;
        Bitsets.set(approved, row, isApproved);
        Bitsets.set(available, row, isApproved && mentor.hasFreeSlot());
        int free = Math.max(0, mentor.capacity() - mentor.slotsInUse());
        loadCode[row] = (byte) (mentor.capacity() * LOAD_CODES + free);
    }

    /** Moves the last row into {@code row} (which is being removed) and clears the last row. */
    void removeByMovingLast(int row) {
        int last = size - 1;
        if (row != last) {
            ids[row] = ids[last];
            order[row] = order[last];
            mentors[row] = mentors[last];
            Bitsets.set(approved, row, Bitsets.get(approved, last));
            Bitsets.set(available, row, Bitsets.get(available, last));
            recoveryDay[row] = recoveryDay[last];
            loadCode[row] = loadCode[last];
            zone[row] = zone[last];
            for (BitColumn column : bits) {
                column.copyRow(last, row);
            }
        }
        ids[last] = null;
        mentors[last] = null;
        Bitsets.set(approved, last, false);
        Bitsets.set(available, last, false);
        for (BitColumn column : bits) {
            column.clearRow(last);
        }
        size--;
    }

    /** Filters as indexes of a count array that leave 0 for "passes": the ordinal plus one. */
    static byte code(HardFilter filter) {
        return (byte) (filter.ordinal() + 1);
    }

    BitColumn column(Attribute attribute) {
        return bits[attribute.ordinal()];
    }

    private void grow(int rows) {
        ids = Arrays.copyOf(ids, rows);
        order = Arrays.copyOf(order, rows);
        mentors = Arrays.copyOf(mentors, rows);
        approved = Bitsets.grow(approved, rows);
        available = Bitsets.grow(available, rows);
        recoveryDay = Arrays.copyOf(recoveryDay, rows);
        loadCode = Arrays.copyOf(loadCode, rows);
        zone = Arrays.copyOf(zone, rows);
        for (BitColumn column : bits) {
            column.growRows(rows);
        }
    }

    private short zoneCode(String timeZone) {
        if (timeZone == null) {
            return 0;
        }
        return zoneCodes.computeIfAbsent(timeZone, id -> {
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException unknownZone) {
                return 0; // validated upstream; an unknown zone only costs the time-zone adjustment
            }
            return (short) (zones.size() - 1);
        });
    }
}
