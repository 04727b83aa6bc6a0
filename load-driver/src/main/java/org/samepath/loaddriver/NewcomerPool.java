package org.samepath.loaddriver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The newcomers free to ask for a mentor, so that a fixed population carries any rate for any time. A newcomer may
 * have only one open request and none while matched, so one taken for a send stays busy until the driver has
 * closed what that send started (its request withdrawn, or its match ended) and the stack answered 2xx; only then is
 * it given back, at the end of the queue, so the newcomer rested longest is taken next. One the driver could not
 * close is set aside for good.
 *
 * <p>Two lanes: the watched newcomers, whose own notification stream is open so that a sampled request's match start
 * can be seen, serve the sampled (accepted) requests only; the others serve the rest. A send never falls back to the
 * other lane: a sampled request on an unwatched newcomer could not be measured.
 */
final class NewcomerPool {

    /** What {@link #take} answers when no newcomer of that lane is free. */
    static final int NONE = -1;

    private enum State {
        FREE,
        BUSY,
        SET_ASIDE
    }

    private final ArrayDeque<Integer> watchedFree = new ArrayDeque<>();
    private final ArrayDeque<Integer> plainFree = new ArrayDeque<>();
    private final List<Integer> watched;
    private final State[] states;
    private final boolean[] isWatched;
    private final int[] uses;
    private int setAside;
    private long reuses;

    /**
     * @param order every newcomer index, each once, in the order they are first taken
     * @param watchedCount how many of them, the first in {@code order}, are watched
     */
    NewcomerPool(List<Integer> order, int watchedCount) {
        if (watchedCount < 0 || watchedCount > order.size()) {
            throw new IllegalArgumentException("watched " + watchedCount + " of " + order.size() + " newcomers");
        }
        int size = order.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        states = new State[size];
        isWatched = new boolean[size];
        uses = new int[size];
        List<Integer> watchedList = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int newcomer = order.get(k);
            if (states[newcomer] != null) {
                throw new IllegalArgumentException("newcomer " + newcomer + " twice");
            }
            states[newcomer] = State.FREE;
            if (k < watchedCount) {
                isWatched[newcomer] = true;
                watchedList.add(newcomer);
                watchedFree.add(newcomer);
            } else {
                plainFree.add(newcomer);
            }
        }
        watched = List.copyOf(watchedList);
    }

    /** The longest-resting free newcomer of the lane, now busy; or {@link #NONE}. */
    synchronized int take(boolean watchedLane) {
        Integer newcomer = (watchedLane ? watchedFree : plainFree).poll();
        if (newcomer == null) {
            return NONE;
        }
        states[newcomer] = State.BUSY;
        if (uses[newcomer]++ > 0) {
            reuses++;
        }
        return newcomer;
    }

    /** What the newcomer's last send started is closed: free again, after every newcomer already free. */
    synchronized void release(int newcomer) {
        requireBusy(newcomer, "released");
        states[newcomer] = State.FREE;
        (isWatched[newcomer] ? watchedFree : plainFree).add(newcomer);
    }

    /** What the newcomer's last send started could not be closed: never taken again. */
    synchronized void setAside(int newcomer) {
        requireBusy(newcomer, "set aside");
        states[newcomer] = State.SET_ASIDE;
        setAside++;
    }

    synchronized boolean isBusy(int newcomer) {
        return newcomer >= 0 && newcomer < states.length && states[newcomer] == State.BUSY;
    }

    synchronized int free() {
        return watchedFree.size() + plainFree.size();
    }

    synchronized int free(boolean watchedLane) {
        return (watchedLane ? watchedFree : plainFree).size();
    }

    synchronized int setAside() {
        return setAside;
    }

    /** Sends that took a newcomer who had been taken before. */
    synchronized long reuses() {
        return reuses;
    }

    /** The watched newcomers, whose streams must be open while they may be taken. */
    List<Integer> watched() {
        return watched;
    }

    private void requireBusy(int newcomer, String what) {
        if (newcomer < 0 || newcomer >= states.length || states[newcomer] != State.BUSY) {
            throw new IllegalStateException("newcomer " + newcomer + " " + what + " but not busy: "
                    + (newcomer < 0 || newcomer >= states.length ? "unknown" : states[newcomer]));
        }
    }
}
