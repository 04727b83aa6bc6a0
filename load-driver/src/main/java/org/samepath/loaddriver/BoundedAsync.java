package org.samepath.loaddriver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code limit} asynchronous operations in flight: {@link #submit} blocks the caller until a slot is free,
 * which paces a producing loop to what the stack absorbs instead of queueing thousands of calls at once.
 */
final class BoundedAsync {

    private final Semaphore slots;
    private final int limit;

    BoundedAsync(int limit) {
        this.limit = limit;
        this.slots = new Semaphore(limit);
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        slots.acquireUninterruptibly();
        CompletableFuture<T> started;
        try {
            started = operation.get();
        } catch (RuntimeException e) {
            slots.release();
            return CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((result, error) -> slots.release());
    }

    /** Waits until everything submitted has finished, or the timeout passes. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        if (!slots.tryAcquire(limit, timeout, unit)) {
            return false;
        }
        slots.release(limit);
        return true;
    }
}
