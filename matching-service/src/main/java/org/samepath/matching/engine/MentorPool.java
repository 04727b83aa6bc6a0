package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The mentors that matching ranks, kept in memory and indexed at insert time: vocabulary values interned to bit
 * positions, each attribute both as a bitmask per mentor and as a bitset of mentors per value, conflicts of
 * interest in an inverted index, ids in an order-preserving label per mentor. Ranking 100,000 mentors then takes
 * about a millisecond. Load it at start-up with {@link #of} and keep it current with the update methods.
 *
 * <p>Safe for concurrent use: any number of rankings read at once, and an update (upsert, remove, a change of
 * slots in use or status) waits for the rankings in progress and is seen by every ranking that starts after it. A
 * ranking therefore sees one consistent pool, never half an update. Updates cost microseconds; a new id that finds
 * no free order label between its neighbours relabels the pool once (rare, milliseconds).
 */
public final class MentorPool {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MentorColumns columns = new MentorColumns();
    private final IdOrder ids = new IdOrder();
    private final Map<String, Set<String>> mentorsByConflict = new HashMap<>();

    public static MentorPool of(Collection<Mentor> mentors) {
        MentorPool pool = new MentorPool();
        mentors.forEach(pool::upsert);
        return pool;
    }

    /** Adds the mentor, or replaces everything known about them. */
    public void upsert(Mentor mentor) {
        write(() -> {
            Integer row = ids.rows().get(mentor.id());
            if (row == null) {
                ids.add(mentor.id(), columns.append(mentor), columns.order);
            } else {
                unindexConflicts(columns.mentors[row]);
                columns.write(row, mentor);
            }
            indexConflicts(mentor);
            return null;
        });
    }

    /** @return whether the mentor was in the pool */
    public boolean remove(String mentorId) {
        return write(() -> {
            Integer row = ids.rows().get(mentorId);
            if (row == null) {
                return false;
            }
            ids.remove(mentorId);
            unindexConflicts(columns.mentors[row]);
            columns.removeByMovingLast(row);
            if (row < columns.size) {
                ids.moved(columns.ids[row], row);
            }
            return true;
        });
    }

    /** @return whether the mentor was in the pool */
    public boolean updateSlotsInUse(String mentorId, int slotsInUse) {
        return write(() -> {
            Integer row = ids.rows().get(mentorId);
            if (row != null) {
                columns.refreshLoad(row, columns.mentors[row].withSlotsInUse(slotsInUse));
            }
            return row != null;
        });
    }

    /** @return whether the mentor was in the pool */
    public boolean updateStatus(String mentorId, MentorStatus status) {
        return write(() -> {
            Integer row = ids.rows().get(mentorId);
            if (row != null) {
                columns.refreshLoad(row, columns.mentors[row].withStatus(status));
            }
            return row != null;
        });
    }

    public Optional<Mentor> find(String mentorId) {
        return read(() -> {
            Integer row = ids.rows().get(mentorId);
            return Optional.ofNullable(row == null ? null : columns.mentors[row]);
        });
    }

    public int size() {
        return read(() -> columns.size);
    }

    /** Every mentor, in no particular order. */
    public List<Mentor> mentors() {
        return read(() -> {
            List<Mentor> all = new ArrayList<>(columns.size);
            for (int row = 0; row < columns.size; row++) {
                all.add(columns.mentors[row]);
            }
            return all;
        });
    }

    /** Runs {@code reading} with the pool held still; it may use {@link #columns()}, rows and the indexes. */
    <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    MentorColumns columns() {
        return columns;
    }

    /** @return the row of the mentor, or -1; only within {@link #read} */
    int rowOf(String mentorId) {
        Integer row = ids.rows().get(mentorId);
        return row == null ? -1 : row;
    }

    /** Mentors who declared the conflict entry; only within {@link #read}. */
    Set<String> mentorsWithConflict(String entry) {
        return mentorsByConflict.getOrDefault(entry, Set.of());
    }

    private <T> T write(Supplier<T> writing) {
        lock.writeLock().lock();
        try {
            return writing.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void indexConflicts(Mentor mentor) {
        for (String entry : mentor.attributes().conflicts()) {
            mentorsByConflict.computeIfAbsent(entry, k -> new HashSet<>()).add(mentor.id());
        }
    }

    private void unindexConflicts(Mentor mentor) {
        for (String entry : mentor.attributes().conflicts()) {
            Set<String> ids = mentorsByConflict.get(entry);
            ids.remove(mentor.id());
            if (ids.isEmpty()) {
                mentorsByConflict.remove(entry);
            }
        }
    }
}
