package org.samepath.platform.outbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Periodically publishes outbox entries that the post-write relay could not (crash, broker down). */
class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;
    private final OutboxProperties properties;
    private ScheduledExecutorService scheduler;

    OutboxSweeper(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "outbox-sweeper"));
        long intervalMillis = properties.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void sweep() {
        try {
            int published = relay.sweep();
            if (published > 0) {
                log.info("Outbox sweep published {} left-over event(s)", published);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed, will retry: {}", e.toString());
        }
    }
}
