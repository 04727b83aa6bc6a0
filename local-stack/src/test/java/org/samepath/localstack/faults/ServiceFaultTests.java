package org.samepath.localstack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.samepath.localstack.RunningStack;
import org.samepath.localstack.faults.FaultStack.Cast;
import org.samepath.localstack.faults.MatchLoad.Journey;

/**
 * A service fails in the middle of a bounded load of match requests and acceptances offered through the real APIs
 * (issue 6, fault injection 1 and 2): matching-service is killed with SIGKILL and restarted on the same port;
 * notification-service is down for 30 s. Afterwards every request is matched with exactly one proposal, every person
 * concerned has exactly one notification per step, in order, and exactly one email for each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceFaultTests {

    private static final int MENTORS = 6;
    private static final int NEWCOMERS = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

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

    @Test
    void matchingServiceKilledHardMidLoadLosesNothingAndDuplicatesNothing() {
        Cast cast = system.cast("kill", MENTORS, NEWCOMERS);
        RunningStack stack = system.stack();
        long killedPid = stack.pid(RunningStack.MATCHING);
        List<Journey> journeys;
        try (MatchLoad load = MatchLoad.offer(system, cast, Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.started() >= NEWCOMERS / 3);
            stack.kill(RunningStack.MATCHING);
            assertThat(load.matched()).as("killed mid-load").isLessThan(NEWCOMERS);
            stack.restart(RunningStack.MATCHING);
            assertThat(stack.pid(RunningStack.MATCHING)).isNotEqualTo(killedPid);
            // The load's clients keep the address they had before the kill: every later answer is the same port's.
            journeys = load.awaitAll(MatchLoad.JOURNEY_DEADLINE);
        }
        assertThat(journeys)
                .as("some newcomers found matching-service gone and tried again")
                .anySatisfy(journey -> assertThat(journey.seen()).anyMatch(seen -> seen.contains("Exception")));
        checks.assertEverythingHappenedExactlyOnce(cast, journeys);
    }

    @Test
    void notificationServiceDownFor30SecondsMidLoadDeliversEverythingInOrderWhenItReturns() {
        Cast cast = system.cast("down", MENTORS, NEWCOMERS);
        RunningStack stack = system.stack();
        List<Journey> journeys;
        try (MatchLoad load = MatchLoad.offer(system, cast, Duration.ofMillis(500))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.started() >= NEWCOMERS / 5);
            stack.stop(RunningStack.NOTIFICATION);
            Instant down = Instant.now();
            int matchedWhenDown = load.matched();
            Outages.holdUntil(down.plus(OUTAGE));
            assertThat(load.matched())
                    .as("requests were made and matched while notification-service was down")
                    .isGreaterThan(matchedWhenDown);
            stack.restart(RunningStack.NOTIFICATION);
            journeys = load.awaitAll(MatchLoad.JOURNEY_DEADLINE);
        }
        checks.assertEverythingHappenedExactlyOnce(cast, journeys);
    }
}
