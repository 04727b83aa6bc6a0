package org.samepath.loaddriver;

/**
 * One offered match request, from the driver's side. {@code intended} and {@code sent} are written by the offering
 * thread before the call starts; the rest by the HTTP callback. Times are {@link System#nanoTime()}; 0 for never.
 */
final class RequestRecord {

    final int newcomerIndex;
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

    RequestRecord(int newcomerIndex, boolean measured, boolean acceptSampled) {
        this.newcomerIndex = newcomerIndex;
        this.measured = measured;
        this.acceptSampled = acceptSampled;
    }

    boolean accepted() {
        return requestId != null && failure == null;
    }
}
