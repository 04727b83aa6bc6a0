package org.samepath.matching.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's mentors as parallel primitive arrays (one row per mentor, rows dense from 0 to {@code size - 1}), so
 * a ranking streams through memory without touching an object per mentor. The records stay alongside for the few
 * rows that need explaining. Not thread-safe: {@link MentorPool} guards it.
 */
final class MentorColumns {

    /** {@link #state} of a mentor who can be proposed; otherwise the state is the ordinal of the filter. */
    static final byte AVAILABLE = -1;

    private static final int INITIAL_ROWS = 64;

    int size;
    String[] ids = new String[INITIAL_ROWS];
    Mentor[] mentors = new Mentor[INITIAL_ROWS];
    byte[] state = new byte[INITIAL_ROWS];
    int[] recoveryDay = new int[INITIAL_ROWS];
    float[] freeShare = new float[INITIAL_ROWS];
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
        mentors[row] = mentor;
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
        if (mentor.status() != MentorStatus.APPROVED) {
            state[row] = (byte) HardFilter.NOT_APPROVED.ordinal();
        } else if (!mentor.hasFreeSlot()) {
            state[row] = (byte) HardFilter.NO_FREE_SLOT.ordinal();
        } else {
            state[row] = AVAILABLE;
        }
        freeShare[row] = Math.max(0f, (mentor.capacity() - mentor.slotsInUse()) / (float) mentor.capacity());
    }

    /** Moves the last row into {@code row} (which is being removed) and clears the last row. */
    void removeByMovingLast(int row) {
        int last = size - 1;
        if (row != last) {
            ids[row] = ids[last];
            mentors[row] = mentors[last];
            state[row] = state[last];
            recoveryDay[row] = recoveryDay[last];
            freeShare[row] = freeShare[last];
            zone[row] = zone[last];
            for (BitColumn column : bits) {
                column.copyRow(last, row);
            }
        }
        ids[last] = null;
        mentors[last] = null;
        for (BitColumn column : bits) {
            column.clearRow(last);
        }
        size--;
    }

    BitColumn column(Attribute attribute) {
        return bits[attribute.ordinal()];
    }

    private void grow(int rows) {
        ids = Arrays.copyOf(ids, rows);
        mentors = Arrays.copyOf(mentors, rows);
        state = Arrays.copyOf(state, rows);
        recoveryDay = Arrays.copyOf(recoveryDay, rows);
        freeShare = Arrays.copyOf(freeShare, rows);
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
