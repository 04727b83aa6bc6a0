package org.samepath.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Samepath service running in its own JVM from its runnable jar, exactly as it is deployed, with configuration
 * by environment. It watches this launcher's pid and exits if the launcher dies, so no orphan survives a hard kill.
 */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final String jvmOptions;
    private final Path log;
    private final Process process;

    private ServiceProcess(
            String name,
            Path jar,
            int port,
            Map<String, String> environment,
            String jvmOptions,
            Path log,
            Process process) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = jvmOptions;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> environment, String jvmOptions, Path logDirectory) {
        return launch(name, jar, port, environment, jvmOptions, logDirectory.resolve(name + ".log"), false);
    }

    /**
     * The same service started again after it stopped or was killed: same jar, port and environment (so the same
     * Kafka and MongoDB), its output appended to the same log (fault tests).
     */
    ServiceProcess startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return launch(name, jar, port, environment, jvmOptions, log, true);
    }

    private static ServiceProcess launch(
            String name,
            Path jar,
            int port,
            Map<String, String> environment,
            String jvmOptions,
            Path log,
            boolean appendToLog) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.add("-Dsamepath.parent-pid=" + ProcessHandle.current().pid());
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(
                            appendToLog
                                    ? ProcessBuilder.Redirect.appendTo(log.toFile())
                                    : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            return new ServiceProcess(name, jar, port, environment, jvmOptions, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service reports ready (Kafka and MongoDB reachable) or the deadline passes. */
    void awaitReady(Instant deadline) {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleepBriefly();
        }
        throw new IllegalStateException(name + " was not ready in time; see " + log);
    }

    /** SIGTERM, a graceful wait, then SIGKILL. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL at once, as a crash would (fault tests). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
