package org.samepath.matching.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.DatabaseSnapshot;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * Duplicate delivery at its worst: after a realistic stretch of matching (vetting, a decline and its cascade, a match,
 * a report that pauses a match, an erased mentor whose newcomer is matched again, a waitlist), each topic
 * matching-service consumes is replayed from offset 0 into its listener, as an operator resetting the group's offsets
 * would. Every document of the database is identical afterwards, field for field, and stays so while the timers run.
 */
class DuplicateDeliveryTests extends FaultTestContext {

    @Test
    void replayingTheProfilesTopicFromTheBeginningChangesNothing() {
        replayChangesNothing(PROFILES_LISTENER);
    }

    @Test
    void replayingTheSafetyTopicFromTheBeginningChangesNothing() {
        replayChangesNothing(SAFETY_LISTENER);
    }

    private void replayChangesNothing(String listenerId) {
        String newcomer = aStretchOfMatching();
        Map<String, List<String>> before = quietDatabase();
        assertThat(before.toString()).contains(newcomer);

        MessageListenerContainer listener = listeners.getListenerContainer(listenerId);
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
    }

    /** Returns the id of a newcomer whose whole journey is in the database. */
    private String aStretchOfMatching() {
        // Languages of this run only, so that people of an earlier run never compete for these mentors.
        String language = newId("lang");
        String elsewhere = newId("lang");
        String unspoken = newId("lang");
        String vetted = newId("mentor-v");
        String steady = newId("mentor-s");
        String leaving = newId("mentor-l");
        String matched = newId("newcomer-m");
        String reporting = newId("newcomer-r");
        String orphaned = newId("newcomer-o");
        String waiting = newId("newcomer-w");
        publish(mentor(vetted, 1, ProfileStatus.PENDING_APPROVAL, 2, language));
        publish(mentor(vetted, 2, ProfileStatus.APPROVED, 2, language));
        publish(mentor(steady, 1, ProfileStatus.APPROVED, 2, language));
        publish(newcomer(matched, 1, language));
        publish(newcomer(reporting, 1, language));
        publish(newcomer(waiting, 1, unspoken));
        awaitPeople(steady, matched, reporting, waiting);
        await().atMost(PROPAGATION)
                .until(() -> person(vetted) != null
                        && person(vetted).get("version", Number.class).longValue() == 2);

        // A decline and its cascade, then a match.
        String first = submit(matched).get("id").asString();
        JsonNode proposal = request(first, matched).get("currentProposal");
        assertThat(respond(
                                proposal.get("id").asString(),
                                proposal.get("mentorId").asString(),
                                "decline")
                        .status())
                .isEqualTo(200);
        JsonNode next = request(first, matched).get("currentProposal");
        assertThat(next.get("mentorId").asString())
                .isNotEqualTo(proposal.get("mentorId").asString());
        accept(next);

        // A match paused by a report.
        String second = submit(reporting).get("id").asString();
        JsonNode reported = request(second, reporting).get("currentProposal");
        accept(reported);
        report(reporting, reported.get("mentorId").asString(), false);
        await().atMost(PROPAGATION).until(() -> request(second, reporting)
                .at("/match/status")
                .asString("")
                .equals("PAUSED"));

        // An erased mentor: their proposal is withdrawn and their newcomer waits again.
        publish(mentor(leaving, 1, ProfileStatus.APPROVED, 1, elsewhere));
        publish(newcomer(orphaned, 1, elsewhere));
        awaitPeople(leaving, orphaned);
        String third = submit(orphaned).get("id").asString();
        assertThat(request(third, orphaned).at("/currentProposal/mentorId").asString())
                .isEqualTo(leaving);
        erase(leaving);
        await().atMost(PROPAGATION)
                .until(() -> person(leaving) == null
                        && request(third, orphaned).get("status").asString().equals("WAITLISTED"));

        // Nobody speaks what this newcomer needs.
        assertThat(submit(waiting).get("status").asString()).isEqualTo("WAITLISTED");
        return matched;
    }

    private void accept(JsonNode proposal) {
        Response accepted =
                respond(proposal.get("id").asString(), proposal.get("mentorId").asString(), "accept");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** The database once nothing has changed in it for a second. */
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
