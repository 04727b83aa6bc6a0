package org.samepath.notification.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.samepath.notification.NotificationApplication;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test but a measurement, off unless asked for: what one open notification stream costs the service's heap.
 * Opens N streams from another process ({@link StreamClients}, so the clients' objects are not counted), and prints
 * the difference of two class histograms taken after a full GC ({@code GC.class_histogram}, as {@code jcmd} takes
 * it), before and with the streams open. Run it with
 * {@code ./mvnw -B -o -pl notification-service verify -Dtest=StreamMemoryProbe -Dsamepath.stream-memory.streams=5000}.
 */
@EnabledIfSystemProperty(named = "samepath.stream-memory.streams", matches = "\\d+")
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamMemoryProbe {

    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "notification_memory_probe");
        registry.add("samepath.notifications.stream.heartbeat", () -> "15s");
    }

    @Test
    void printsTheHeapCostOfOpenStreams() throws Exception {
        int streams = Integer.getInteger("samepath.stream-memory.streams");
        TestTokenIssuer issuer = TestTokenIssuer.shared();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            tokens.add(issuer.token("m-probe-" + i, "MENTOR"));
        }
        Path tokenFile = Files.createTempFile("stream-tokens", ".txt");
        Files.write(tokenFile, tokens);
        tokens.clear();
        warmUp(issuer);

        Map<String, long[]> before = histogram();
        Process clients = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamClients.class.getName(),
                        String.valueOf(port),
                        tokenFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.US_ASCII))) {
            String line = out.readLine();
            assertThat(line).isEqualTo("open " + streams);
            Map<String, long[]> open = histogram();
            report(before, open, streams);
        } finally {
            clients.getOutputStream().close();
            if (!clients.waitFor(30, TimeUnit.SECONDS)) {
                clients.destroyForcibly();
            }
            Files.deleteIfExists(tokenFile);
        }
    }

    /** One stream opened and closed first, so that lazily built parts of the service are in both histograms. */
    private void warmUp(TestTokenIssuer issuer) throws Exception {
        try (var stream = org.samepath.testsupport.EventStreamReader.open(
                "http://127.0.0.1:" + port + "/api/v1/notifications/stream", issuer.token("m-warm-up", "MENTOR"))) {
            stream.awaitComment("connected", java.time.Duration.ofSeconds(10));
        }
    }

    private static void report(Map<String, long[]> before, Map<String, long[]> open, int streams) {
        Map<String, long[]> delta = new HashMap<>();
        open.forEach((type, counts) -> {
            long[] was = before.getOrDefault(type, new long[2]);
            delta.put(type, new long[] {counts[0] - was[0], counts[1] - was[1]});
        });
        before.forEach((type, counts) -> delta.putIfAbsent(type, new long[] {-counts[0], -counts[1]}));
        long total = delta.values().stream().mapToLong(counts -> counts[1]).sum();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "%n%d streams: heap after full GC grew by %,d bytes, %,d bytes (%.1f KiB) per stream%n",
                streams, total, total / streams, total / 1024.0 / streams));
        for (String owner : List.of(
                "[B",
                "[C",
                "org.apache.",
                "org.springframework.",
                "org.samepath.",
                "io.micrometer.",
                "io.opentelemetry.")) {
            long bytes = delta.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(owner))
                    .mapToLong(entry -> entry.getValue()[1])
                    .sum();
            text.append(String.format("%-22s %10.1f bytes per stream%n", owner, bytes / (double) streams));
        }
        text.append(String.format("%12s %14s %10s  %s%n", "instances", "bytes", "per stream", "class"));
        delta.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(40)
                .forEach(entry -> text.append(String.format(
                        "%12d %14d %10.1f  %s%n",
                        entry.getValue()[0],
                        entry.getValue()[1],
                        entry.getValue()[1] / (double) streams,
                        entry.getKey())));
        System.out.println(text);
    }

    /** Class name -> {instances, bytes}, after the full GC the histogram command does first. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, long[]> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = HISTOGRAM_LINE.matcher(line);
            if (matcher.matches()) {
                counts.merge(
                        matcher.group(3),
                        new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return counts;
    }
}
