package org.samepath.loaddriver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The driver's own CPU over a window (process CPU time / wall time) and its thread count, so a run shows whether the
 * driver, sharing the machine with the stack, could have been what held the rate back.
 */
final class DriverCpu {

    /** Share of one core the driver used over a window, its live and peak thread counts, and the machine's cores. */
    record Usage(double shareOfOneCore, int threads, int peakThreads, int cores) {

        static Usage unknown() {
            return new Usage(Double.NaN, 0, 0, Runtime.getRuntime().availableProcessors());
        }
    }

    private final long cpuNanosAtStart;
    private final long wallAtStart;

    private DriverCpu(long cpuNanosAtStart, long wallAtStart) {
        this.cpuNanosAtStart = cpuNanosAtStart;
        this.wallAtStart = wallAtStart;
    }

    static DriverCpu start() {
        return new DriverCpu(processCpuNanos(), System.nanoTime());
    }

    Usage stop() {
        long cpu = processCpuNanos() - cpuNanosAtStart;
        long wall = System.nanoTime() - wallAtStart;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new Usage(
                cpuNanosAtStart < 0 || wall <= 0 ? Double.NaN : (double) cpu / wall,
                threads.getThreadCount(),
                threads.getPeakThreadCount(),
                Runtime.getRuntime().availableProcessors());
    }

    /** CPU time of the whole driver process (every thread, the JIT and GC included); -1 if unavailable. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            if (nanos >= 0) {
                return nanos;
            }
        }
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(-1L);
    }
}
