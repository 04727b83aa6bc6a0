package org.samepath.profile.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchPaused;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.DatabaseSnapshot;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Duplicate delivery at its worst: after a realistic stretch of the matching lifecycle (a pending proposal, a decline,
 * a match that ended, a match the newcomer reported, a person erased after their proposal), the lifecycle topic is
 * replayed from offset 0 into profile-service's listener, as an operator resetting the group's offsets would. Every
 * document of the database is identical afterwards, and every mentor sees exactly what they saw before.
 */
class DuplicateDeliveryTests extends FaultTestContext {

    @Test
    void replayingTheMatchingTopicFromTheBeginningChangesNothing() {
        Pair pending = pair();
        send(proposed(pending));
        Pair declined = pair();
        send(proposed(declined));
        send(new ProposalDeclined(
                eventId(),
                declined.requestId(),
                declined.newcomerId(),
                declined.proposalId(),
                declined.mentorId(),
                Instant.now(),
                "NOT_NOW"));
        Pair ended = pair();
        String endedMatch = newId("ma");
        send(proposed(ended));
        send(accepted(ended, endedMatch));
        send(new MatchEnded(
                eventId(),
                ended.requestId(),
                ended.newcomerId(),
                endedMatch,
                ended.mentorId(),
                Instant.now(),
                "NEWCOMER",
                "NOT_A_GOOD_FIT",
                false));
        Pair reported = pair();
        String reportedMatch = newId("ma");
        send(proposed(reported));
        send(accepted(reported, reportedMatch));
        await().atMost(PROPAGATION).until(() -> viewStatus(reported) == 200 && viewStatus(pending) == 200);
        Response report = api().post(
                        "/api/v1/reports",
                        tokens.token(reported.newcomerId(), "NEWCOMER"),
                        "{\"subjectId\":\"" + reported.mentorId() + "\",\"reason\":\"Made me uncomfortable\"}");
        assertThat(report.status()).as(report.toString()).isLessThan(300);
        send(new MatchPaused(
                eventId(),
                reported.requestId(),
                reported.newcomerId(),
                reportedMatch,
                reported.mentorId(),
                Instant.now(),
                "SYSTEM"));
        Pair erased = pair();
        send(proposed(erased));
        await().atMost(PROPAGATION).until(() -> viewStatus(erased) == 200);
        Response erasure = api().delete("/api/v1/profiles/me", tokens.token(erased.newcomerId(), "NEWCOMER"));
        assertThat(erasure.status()).as(erasure.toString()).isLessThan(300);
        await().atMost(PROPAGATION).until(() -> grant(declined) == null && grant(ended) == null);
        Map<String, List<String>> before = quietDatabase();
        Map<Pair, Integer> views = Map.of(pending, 200, declined, 404, ended, 404, reported, 404, erased, 404);
        assertThat(views)
                .allSatisfy((pair, status) ->
                        assertThat(viewStatus(pair)).as("%s", pair).isEqualTo(status));

        MessageListenerContainer listener = listeners.getListenerContainer(LIFECYCLE_LISTENER);
        long replayed = groups.replayFromBeginning(
                listener.getGroupId(),
                List.of(listener.getContainerProperties().getTopics()),
                listener::stop,
                listener::start,
                Duration.ofSeconds(60));

        assertThat(replayed).isPositive();
        assertThat(DatabaseSnapshot.differences(before, DatabaseSnapshot.of(database())))
                .isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        DatabaseSnapshot.differences(before, DatabaseSnapshot.of(database())))
                .isEmpty());
        assertThat(views)
                .allSatisfy((pair, status) ->
                        assertThat(viewStatus(pair)).as("%s", pair).isEqualTo(status));
    }

    private static ProposalAccepted accepted(Pair pair, String matchId) {
        return new ProposalAccepted(
                eventId(),
                pair.requestId(),
                pair.newcomerId(),
                pair.proposalId(),
                pair.mentorId(),
                Instant.now(),
                matchId);
    }

    private static String eventId() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The database once nothing has changed in it for a second (the outbox relay has published everything). */
    private Map<String, List<String>> quietDatabase() {
        AtomicReference<Map<String, List<String>>> last = new AtomicReference<>(Map.of());
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, List<String>> now = DatabaseSnapshot.of(database());
            boolean quiet = now.equals(last.get());
            last.set(now);
            return quiet;
        });
        return last.get();
    }
}
