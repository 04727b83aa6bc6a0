package org.samepath.localstack.faults;

import java.time.Duration;
import java.time.Instant;

/** How long a fault lasts is part of the fault (the issue asks for 30 s outages), not something a test waits for. */
final class Outages {

    private Outages() {}

    /** Keeps the fault in place until {@code end}, while the load goes on in its own threads. */
    static void holdUntil(Instant end) {
        Duration left = Duration.between(Instant.now(), end);
        if (left.isNegative()) {
            return;
        }
        try {
            Thread.sleep(left.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
