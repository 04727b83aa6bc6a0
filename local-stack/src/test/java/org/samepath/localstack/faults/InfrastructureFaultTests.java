package org.samepath.localstack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.embedded.SmtpCatcher;
import org.samepath.localstack.RunningStack;
import org.samepath.localstack.faults.FaultStack.Cast;
import org.samepath.localstack.faults.MatchLoad.Journey;
import org.samepath.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The infrastructure fails in the middle of a bounded load of match requests and acceptances offered through the
 * real APIs (issue 6, fault injection 3 and 4): the Kafka broker is stopped and restarted on the same port and data;
 * SMTP is down for 30 s. Afterwards every request is matched with exactly one proposal, every person concerned has
 * exactly one notification per step, in order, and exactly one email for each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfrastructureFaultTests {

    private static final int MENTORS = 6;
    private static final int NEWCOMERS = 40;
    private static final Duration BROKER_DOWN = Duration.ofSeconds(15);
    private static final Duration SMTP_DOWN = Duration.ofSeconds(30);

    private FaultStack system;
    private ExactlyOnceChecks checks;

    @BeforeAll
    void start() {
        system = FaultStack.start();
        checks = new ExactlyOnceChecks(system);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /**
     * By design the APIs do not need the broker: a request and its events are one MongoDB write (the outbox), so
     * while Kafka is down a newcomer's request is still accepted (202) and proposed at once, and a mentor's accept
     * still answers 200; only readiness reports the broker missing (503). The events wait in the outboxes and follow
     * when it is back.
     */
    @Test
    void brokerRestartedMidLoadLosesNothing() {
        Cast cast = system.cast("broker", MENTORS, NEWCOMERS);
        RunningStack stack = system.stack();
        ApiClient matching = system.api(RunningStack.MATCHING);
        List<Journey> journeys;
        try (MatchLoad load = MatchLoad.offer(system, cast, Duration.ofMillis(400))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.started() >= NEWCOMERS / 5);
            stack.kafka().stop();
            Instant down = Instant.now();
            int matchedWhenDown = load.matched();
            await("events wait in the requests' outboxes")
                    .atMost(BROKER_DOWN)
                    .until(() -> system.database(FaultStack.MATCHING_DATABASE)
                                    .getCollection("match_requests")
                                    .countDocuments(new Document("outbox.0", new Document("$exists", true)))
                            > 0);
            await("matching-service reports Kafka missing")
                    .atMost(BROKER_DOWN)
                    .until(() ->
                            matching.get("/actuator/health/readiness", null).status() == 503);
            Outages.holdUntil(down.plus(BROKER_DOWN));
            assertThat(load.matched())
                    .as("requests were made and matched while the broker was down")
                    .isGreaterThan(matchedWhenDown);
            stack.kafka().restart();
            await("matching-service ready again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            matching.get("/actuator/health/readiness", null).status() == 200);
            journeys = load.awaitAll(MatchLoad.JOURNEY_DEADLINE);
        }
        assertThat(journeys)
                .as("no request and no accept failed or had to be retried while the broker was down")
                .allSatisfy(journey -> assertThat(journey.seen())
                        .allMatch(seen -> seen.equals("submit 202") || seen.equals("accept 200")));
        checks.assertEverythingHappenedExactlyOnce(cast, journeys);
    }

    @Test
    void smtpDownFor30SecondsMidLoadOpensTheBreakerAndEveryEmailGoesOutOnceAfterwards() {
        Cast cast = system.cast("smtp", MENTORS, NEWCOMERS);
        SmtpCatcher smtp = system.stack().smtp();
        ApiClient notification = system.api(RunningStack.NOTIFICATION);
        List<Journey> journeys;
        int emailsBeforeTheOutage;
        try (MatchLoad load = MatchLoad.offer(system, cast, Duration.ofMillis(500))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.started() >= NEWCOMERS / 10);
            smtp.stop();
            Instant down = Instant.now();
            emailsBeforeTheOutage = emailsTo(cast);
            await("the SMTP breaker opens, visible in health and metrics")
                    .atMost(SMTP_DOWN)
                    .untilAsserted(() -> {
                        JsonNode breaker = notification
                                .get("/actuator/health", null)
                                .json()
                                .get("components")
                                .get("circuitBreakers")
                                .get("details")
                                .get("smtp");
                        assertThat(breaker.get("status").asString()).isEqualTo("CIRCUIT_OPEN");
                        assertThat(breaker.get("details").get("state").asString())
                                .isEqualTo("OPEN");
                        assertThat(notification
                                        .get("/actuator/prometheus", null)
                                        .body())
                                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"smtp\"[^}]*"
                                        + "state=\"open\"[^}]*} 1.0");
                    });
            Outages.holdUntil(down.plus(SMTP_DOWN));
            assertThat(emailsTo(cast))
                    .as("nothing reached SMTP while it was down")
                    .isEqualTo(emailsBeforeTheOutage);
            smtp.restart();
            journeys = load.awaitAll(MatchLoad.JOURNEY_DEADLINE);
        }
        checks.assertEverythingHappenedExactlyOnce(cast, journeys);
        assertThat(emailsTo(cast))
                .as("the emails queued during the outage went out after it")
                .isGreaterThan(emailsBeforeTheOutage + NEWCOMERS);
        await("the SMTP breaker closes again").atMost(Duration.ofSeconds(60)).until(() -> notification
                .get("/actuator/health", null)
                .json()
                .get("components")
                .get("circuitBreakers")
                .get("details")
                .get("smtp")
                .get("details")
                .get("state")
                .asString()
                .equals("CLOSED"));
    }

    private int emailsTo(Cast cast) {
        List<String> addresses = Stream.concat(cast.mentors().stream(), cast.newcomers().stream())
                .map(Cast::email)
                .toList();
        return (int) system.stack().smtp().messages().stream()
                .filter(message -> message.recipients().stream().anyMatch(addresses::contains))
                .count();
    }
}
