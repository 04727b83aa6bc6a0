package org.samepath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.embedded.SmtpCatcher.CaughtMessage;
import org.samepath.testsupport.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * SMTP goes away: the circuit breaker opens (visible in health and metrics), emails wait in MongoDB as PENDING, and
 * when the same server comes back on the same port each goes out exactly once.
 */
class SmtpOutageTests extends NotificationTestContext {

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    RetryRegistry retries;

    @Autowired
    BulkheadRegistry bulkheads;

    @AfterEach
    void smtpIsBack() {
        if (!smtp.isRunning()) {
            smtp.restart();
        }
    }

    @Test
    void emailsWaitWhileSmtpIsDownAndEachGoesOutOnceWhenItReturns() {
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("smtp");
        Bulkhead bulkhead = bulkheads.bulkhead("smtp");
        AtomicInteger bulkheadPermits = new AtomicInteger();
        bulkhead.getEventPublisher().onCallPermitted(event -> bulkheadPermits.incrementAndGet());
        long failedAfterRetriesBefore = retries.retry("smtp").getMetrics().getNumberOfFailedCallsWithRetryAttempt();
        List<String> people = List.of(newId("n"), newId("n"), newId("n"), newId("n"));
        for (String person : people) {
            contactPoint(person, "Person " + person, person + "@example.org", true);
        }

        smtp.stop();
        List<String> emailIds = new ArrayList<>();
        for (String person : people) {
            String event = eventId();
            deliver(new MatchRequestSubmitted(event, newId("r"), person, now()));
            emailIds.add(event + ".to." + person);
        }

        await().atMost(PROPAGATION).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode smtpHealth = circuitBreakerHealth();
            assertThat(smtpHealth.get("details").get("state").asString()).isEqualTo("OPEN");
            assertThat(smtpHealth.get("status").asString()).isEqualTo("CIRCUIT_OPEN");
            assertThat(api().get("/actuator/prometheus", null).body())
                    .containsPattern(
                            "resilience4j_circuitbreaker_state\\{[^}]*name=\"smtp\"[^}]*state=\"open\"[^}]*} 1.0");
        });
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(statuses(emailIds).values()).containsOnly("PENDING"));
        assertThat(retries.retry("smtp").getMetrics().getNumberOfFailedCallsWithRetryAttempt())
                .as("each failed send was retried before it counted as failed")
                .isGreaterThan(failedAfterRetriesBefore);

        smtp.restart();

        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(statuses(emailIds).values()).containsOnly("SENT"));
        Map<String, Long> copiesByMessageId = smtp.messages().stream()
                .map(CaughtMessage::messageId)
                .filter(messageId -> emailIds.stream().anyMatch(messageId::contains))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(copiesByMessageId).hasSize(emailIds.size());
        assertThat(copiesByMessageId.values()).containsOnly(1L);
        await().atMost(PROPAGATION).until(() -> breaker.getState() == CircuitBreaker.State.CLOSED);
        assertThat(bulkheadPermits.get())
                .as("every SMTP call passed the bulkhead")
                .isPositive();
        assertThat(bulkhead.getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(4);
    }

    private JsonNode circuitBreakerHealth() {
        Response health = api().get("/actuator/health", null);
        return health.json()
                .get("components")
                .get("circuitBreakers")
                .get("details")
                .get("smtp");
    }

    private Map<String, String> statuses(List<String> emailIds) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        for (String id : emailIds) {
            Document email = outgoingEmails().find(new Document("_id", id)).first();
            statuses.put(id, email == null ? "MISSING" : email.getString("status"));
        }
        return statuses;
    }
}
