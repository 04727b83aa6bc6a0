package org.samepath.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * When a launcher (the local stack, a fault test) starts this service as a child process and passes its own pid in
 * {@code samepath.parent-pid}, the service exits as soon as that parent is gone, even if the parent was killed too
 * hard to stop its children: no orphan keeps a port bound. It starts as soon as the environment is known, before
 * the context is refreshed, because a service still starting up (waiting for a broker that died with the launcher)
 * must not linger either. Registered in META-INF/spring.factories.
 */
public class ParentProcessWatchdog implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);
    private static final String PARENT_PID = "samepath.parent-pid";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String parentPid = event.getEnvironment().getProperty(PARENT_PID);
        if (parentPid != null && !parentPid.isBlank()) {
            watch(Long.parseLong(parentPid.trim()));
        }
    }

    private static void watch(long parentPid) {
        Thread watchdog = new Thread(
                () -> {
                    while (ProcessHandle.of(parentPid)
                            .map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    log.warn("Parent process {} is gone; shutting down", parentPid);
                    // System.exit runs Spring's shutdown hook, so the context still closes gracefully.
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
