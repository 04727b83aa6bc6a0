package org.samepath.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: {@code ./mvnw -DskipTests package spring-boot:run -pl local-stack -am} (see the README)
 * starts a real KRaft Kafka broker, a MongoDB-protocol server, an SMTP catcher, the development token issuer and the
 * three services on loopback, prints where everything is, and stops it all on Ctrl-C (SIGTERM).
 */
public final class LocalStack {

    private LocalStack() {}

    public static void main(String[] args) throws InterruptedException {
        Instant started = Instant.now();
        StackSettings settings = StackSettings.fromEnvironment(projectRoot());
        RunningStack stack = RunningStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the Samepath local stack...");
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        System.out.println(Banner.text(stack, settings, Duration.between(started, Instant.now())));
        if (DemoData.requested()) {
            System.out.println("Seeding demo data (SAMEPATH_DEMO_DATA=true) through the APIs...");
            System.out.println(DemoData.seed(stack));
            System.out.println("Dashboard: " + stack.url(RunningStack.MATCHING)
                    + "/dashboard (sign in as coordinator / samepath)");
        }
        stopped.await();
    }

    /** The reactor root: where {@code mvnw} is, from here or above. */
    public static Path projectRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve("local-stack"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("Run the local stack from inside the Samepath project");
    }
}
