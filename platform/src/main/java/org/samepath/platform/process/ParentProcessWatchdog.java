package org.samepath.platform.process;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * When a launcher (the local stack, a fault test) starts this service as a child process and passes its own pid in
 * {@code samepath.parent-pid}, the service shuts itself down as soon as that parent is gone, even if the parent was
 * killed too hard to stop its children: no orphan keeps a port bound.
 */
public class ParentProcessWatchdog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private final long parentPid;
    private final ConfigurableApplicationContext context;
    private ScheduledExecutorService scheduler;

    public ParentProcessWatchdog(long parentPid, ConfigurableApplicationContext context) {
        this.parentPid = parentPid;
        this.context = context;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parent-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::exitIfOrphaned, 1, 1, TimeUnit.SECONDS);
    }

    private void exitIfOrphaned() {
        boolean parentAlive =
                ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
        if (!parentAlive) {
            log.warn("Parent process {} is gone; shutting down", parentPid);
            new Thread(() -> System.exit(SpringApplication.exit(context, () -> 0)), "orphan-exit").start();
            scheduler.shutdown();
        }
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
}
