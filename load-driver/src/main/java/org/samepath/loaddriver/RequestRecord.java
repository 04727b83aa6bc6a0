package org.samepath.loaddriver;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One offered match request, from the driver's side. {@code intended} and {@code sent} are written by the offering
 * thread before the call starts; the rest by the HTTP callback. Times are {@link System#nanoTime()}; 0 for never.
 */
final class RequestRecord {

    /**
     * The newcomer who sends it, taken from the {@link NewcomerPool} at its send time; {@link NewcomerPool#NONE}
     * before, and for good if none was free.
     */
    volatile int newcomerIndex;
    /** False during the warm-up: counted for losses and duplicates, not in the latencies. */
    final boolean measured;
    /** The proposed mentor accepts this one at once, and the newcomer's stream is open to see the match start. */
    final boolean acceptSampled;

    long intended;
    long sent;
    volatile long returned;
    volatile int httpStatus;
    volatile String requestId;
    /** {@code PROPOSED} or {@code WAITLISTED}, as the POST answered. */
    volatile String initialStatus;

    volatile String failure;
    /** The driver never sent it: too many requests were already outstanding, or no newcomer was free. */
    volatile boolean notSent;
    /** Not sent because no newcomer of its lane was free at its send time (the population turned over too slowly). */
    volatile boolean noFreeNewcomer;
    /** Set once the newcomer is given back to the pool (or set aside): this send holds it no longer. */
    final AtomicBoolean newcomerReturned = new AtomicBoolean();
    /** The driver tried to close what this send started and the stack refused: left for the end of the run. */
    volatile boolean closeFailed;
    /** For an unanswered POST: the request the stack created for it after all, found by the follow-up. */
    volatile String lateRequestId;

    /** A send not yet made: its newcomer is taken at its send time. */
    RequestRecord(boolean measured, boolean acceptSampled) {
        this(NewcomerPool.NONE, measured, acceptSampled);
    }

    RequestRecord(int newcomerIndex, boolean measured, boolean acceptSampled) {
        this.newcomerIndex = newcomerIndex;
        this.measured = measured;
        this.acceptSampled = acceptSampled;
    }

    boolean accepted() {
        return requestId != null && failure == null;
    }

    /**
     * Sent, but no HTTP answer came back in time (timed out or the connection failed), or a 202 came only after the
     * driver had given up waiting.
     */
    boolean unanswered() {
        return failure != null && !notSent && (httpStatus == 0 || httpStatus == 202);
    }

    /** Refused by the stack with an HTTP status other than 202. */
    boolean refused() {
        return failure != null && httpStatus != 0 && httpStatus != 202;
    }

    /** The request the stack holds for this send, as the POST answered or as the follow-up found it; or null. */
    String knownRequestId() {
        return requestId != null ? requestId : lateRequestId;
    }
}
