package org.samepath.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.Consent;
import org.samepath.contracts.profile.ConsentedTag;
import org.samepath.contracts.profile.MatchPreference;
import org.samepath.contracts.profile.MatchableProfileChanged;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.contracts.safety.PersonReported;
import org.samepath.testsupport.CloudEventProducer;

/** Profile snapshots as profile-service publishes them, put on the real topic so matching-service consumes them. */
final class PeopleFixtures {

    private final CloudEventProducer producer;

    PeopleFixtures(CloudEventProducer producer) {
        this.producer = producer;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void mentor(String id, long version, ProfileStatus status, int capacity, List<String> languages) {
        publish(new MatchableProfileChanged(
                UUID.randomUUID().toString(),
                id,
                version,
                Instant.now(),
                Role.MENTOR,
                status,
                languages,
                "America/Chicago",
                "man",
                "35-44",
                List.of("MON_EVENING", "SAT_MORNING"),
                List.of("TWELVE_STEP"),
                List.of(
                        new ConsentedTag("substance:alcohol", Consent.MATCH_AND_SHARE),
                        new ConsentedTag("mental-health:anxiety", Consent.MATCH_ONLY)),
                List.of(new ConsentedTag("veteran", Consent.MATCH_AND_SHARE)),
                null,
                List.of(),
                List.of(),
                LocalDate.of(2015, 1, 1),
                capacity));
    }

    void newcomer(String id, List<String> languages, List<MatchPreference> preferences) {
        publish(new MatchableProfileChanged(
                UUID.randomUUID().toString(),
                id,
                1,
                Instant.now(),
                Role.NEWCOMER,
                ProfileStatus.ACTIVE,
                languages,
                "America/Chicago",
                "man",
                "25-34",
                List.of("MON_EVENING"),
                List.of("TWELVE_STEP"),
                List.of(
                        new ConsentedTag("substance:alcohol", Consent.MATCH_AND_SHARE),
                        new ConsentedTag("mental-health:anxiety", Consent.MATCH_ONLY)),
                List.of(),
                null,
                List.of(),
                preferences,
                null,
                null));
    }

    static MatchPreference mustSpeak(String language) {
        return new MatchPreference("LANGUAGE", language, "MUST");
    }

    /** The reporter reports the subject on the safety topic, as profile-service would: the pair is blocked. */
    void report(String reporterId, String subjectId) {
        PersonReported report = new PersonReported(
                UUID.randomUUID().toString(), "rep-" + UUID.randomUUID(), reporterId, subjectId, Instant.now(), false);
        producer.send(Topics.SAFETY, reporterId, EventCatalog.PERSON_REPORTED.type(), report.eventId(), report);
    }

    private void publish(MatchableProfileChanged snapshot) {
        producer.send(
                Topics.PROFILES,
                snapshot.personId(),
                EventCatalog.MATCHABLE_PROFILE_CHANGED.type(),
                snapshot.eventId(),
                snapshot);
    }
}
