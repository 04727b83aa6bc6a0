package org.samepath.notification.delivery;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.samepath.notification.delivery.OutgoingEmails.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * Sends pending emails: woken at once when one is queued and every {@code dispatchInterval} regardless, so emails
 * queued while SMTP was down (or by an instance that died) go out when it returns. Each worker claims one email at a
 * time, sends its run of emails over one SMTP connection, and stops at the first failure; the next wake-up tries
 * again. Nothing here is on the way of a notification to the inbox or the stream: the listener only queues the email.
 */
class EmailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

    private final OutgoingEmails emails;
    private final SmtpGateway smtp;
    private final DeliveryProperties.Email settings;
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean running;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;
    private Semaphore idleWorkers;

    EmailDispatcher(OutgoingEmails emails, SmtpGateway smtp, DeliveryProperties.Email settings) {
        this.emails = emails;
        this.smtp = smtp;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        int threads = Math.max(1, settings.dispatchThreads());
        idleWorkers = new Semaphore(threads);
        workers = Executors.newFixedThreadPool(threads, daemon("email-dispatcher"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("email-dispatch-ticker"));
        running = true;
        long interval = settings.dispatchInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::wake, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts idle workers on whatever is due. Cheap and safe to call from any thread. */
    void wake() {
        wanted.set(true);
        while (running && idleWorkers.tryAcquire()) {
            try {
                workers.execute(this::work);
            } catch (RejectedExecutionException stopping) {
                idleWorkers.release();
                return;
            }
        }
    }

    private void work() {
        // One connection for the whole run, closed once nothing is left to send.
        try (SmtpConnection connection = smtp.connection()) {
            do {
                wanted.set(false);
                drain(connection);
            } while (running && wanted.get());
        } catch (RuntimeException e) {
            log.warn("Email dispatch failed, will retry: {}", e.toString());
        } finally {
            idleWorkers.release();
        }
        // A wake-up that came while this worker was finishing found no idle worker; take it up now.
        if (running && wanted.get()) {
            wake();
        }
    }

    private void drain(SmtpConnection connection) {
        while (running) {
            Optional<Claim> next = emails.claimNext();
            if (next.isEmpty()) {
                return;
            }
            Claim claim = next.get();
            try {
                smtp.send(connection, claim.id(), claim.to());
            } catch (CallNotPermittedException | BulkheadFullException notAttempted) {
                emails.putBack(claim);
                return;
            } catch (MailPreparationException | MailParseException unsendable) {
                log.error("Email {} can never be sent: {}", claim.id(), unsendable.toString());
                emails.markFailed(claim, unsendable);
                continue;
            } catch (RuntimeException failure) {
                log.warn(
                        "Email {} not sent (attempt {}), will retry: {}",
                        claim.id(),
                        claim.attempts(),
                        failure.toString());
                emails.retryLater(claim, failure);
                return;
            }
            if (!emails.markSent(claim)) {
                log.warn("Email {} was sent after its claim lapsed; another dispatcher may resend it", claim.id());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
