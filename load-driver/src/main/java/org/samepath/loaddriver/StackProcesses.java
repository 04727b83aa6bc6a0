package org.samepath.loaddriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's JVMs, found by command line in {@code /proc}: the launcher (Kafka, the MongoDB stand-in, the SMTP
 * catcher and the token issuer live in it) and its three service children, plus the {@code web} app's if the stack
 * starts one (reported on its own line, not required). Memory is read from
 * {@code /proc/<pid>/status} ({@code VmHWM}, the peak resident set since the process started; {@code VmRSS}, now),
 * CPU time from {@code /proc/<pid>/stat}. Linux only, which is where the stack's figures are taken.
 */
final class StackProcesses {

    private static final String LAUNCHER_MAIN_CLASS = "org.samepath.localstack.LocalStack";
    private static final String LAUNCHER = "local-stack launcher";
    private static final List<String> SERVICES = List.of("profile-service", "matching-service", "notification-service");
    private static final String WEB = "web";
    /** USER_HZ: 100 on every Linux the JVM supports in practice; /proc/<pid>/stat counts in it. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /** One process: its role, pid, peak and current resident memory in KiB. */
    record Memory(String name, long pid, long peakKib, long currentKib) {}

    private final Map<String, Long> pids;

    private StackProcesses(Map<String, Long> pids) {
        this.pids = pids;
    }

    /**
     * Finds the launcher, then its services among its own children: other service JVMs on the machine (a test run's,
     * say) are not this stack's.
     */
    static StackProcesses find() {
        Map<String, Long> found = new LinkedHashMap<>();
        ProcessHandle.allProcesses()
                .filter(process -> {
                    String commandLine = commandLine(process.pid());
                    return commandLine.contains(LAUNCHER_MAIN_CLASS) && !commandLine.contains("plexus-classworlds");
                })
                .findFirst()
                .ifPresent(launcher -> {
                    found.put(LAUNCHER, launcher.pid());
                    launcher.children().forEach(child -> {
                        String commandLine = commandLine(child.pid());
                        for (String service : SERVICES) {
                            if (commandLine.contains(service + "-exec.jar")) {
                                found.put(service, child.pid());
                            }
                        }
                        if (commandLine.contains("/" + WEB + "-exec.jar")
                                || commandLine.contains(" " + WEB + "-exec.jar")) {
                            found.put(WEB, child.pid());
                        }
                    });
                });
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String name : List.of(LAUNCHER, SERVICES.get(0), SERVICES.get(1), SERVICES.get(2), WEB)) {
            if (found.containsKey(name)) {
                ordered.put(name, found.get(name));
            }
        }
        return new StackProcesses(ordered);
    }

    /** The launcher and the three services were found (the web app is optional). */
    boolean complete() {
        return pids.containsKey(LAUNCHER) && pids.keySet().containsAll(SERVICES);
    }

    Map<String, Long> pids() {
        return pids;
    }

    List<Memory> memory() {
        List<Memory> memory = new ArrayList<>();
        pids.forEach((name, pid) -> memory.add(new Memory(
                name,
                pid,
                statusKib(pid, "VmHWM").orElse(0L),
                statusKib(pid, "VmRSS").orElse(0L))));
        return memory;
    }

    /** CPU seconds (user + system) each process has used so far; the driver itself included. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, cpuSeconds(pid)));
        cpu.put("load driver", cpuSeconds(ProcessHandle.current().pid()));
        return cpu;
    }

    /**
     * Share of one core each process used over {@code window}, with nothing else asked of it by the driver; the
     * driver's own share is included under {@code load driver}. Waiting is the measurement here, not a way to wait
     * for an outcome.
     */
    Map<String, Double> cpuShareOver(Duration window) throws InterruptedException {
        Map<String, Double> before = cpuSeconds();
        long started = System.nanoTime();
        Thread.sleep(window.toMillis());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> share = new LinkedHashMap<>();
        cpuSeconds().forEach((name, after) -> share.put(name, (after - before.getOrDefault(name, 0.0)) / seconds));
        return share;
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the parenthesised command name, which may itself hold spaces: state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long userTicks = Long.parseLong(fields[11]);
            long systemTicks = Long.parseLong(fields[12]);
            return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    static Optional<Long> statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Optional.of(Long.parseLong(
                            line.substring(field.length() + 1).replace("kB", "").trim()));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has exited
        }
        return Optional.empty();
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }
}
