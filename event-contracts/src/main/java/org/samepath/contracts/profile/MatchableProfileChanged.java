package org.samepath.contracts.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.samepath.contracts.DomainEvent;

/**
 * The full matchable snapshot of one person after a change, on the compacted profiles topic keyed by person id.
 * Carries only what matching needs and the person consented to: no name, no contact, no free text, nothing PRIVATE.
 * Consumers apply a snapshot only when its {@code version} is newer than the one they hold. Erasure is a tombstone
 * (null value) with the same key.
 */
public record MatchableProfileChanged(
        String eventId,
        String personId,
        long version,
        Instant occurredAt,
        Role role,
        ProfileStatus status,
        List<String> languages,
        String timeZone,
        String genderIdentity,
        String ageBand,
        List<String> availability,
        List<String> recoveryPathways,
        List<ConsentedTag> livedExperience,
        List<ConsentedTag> identities,
        ConsentedTag faith,
        List<String> conflicts,
        List<MatchPreference> preferences,
        LocalDate recoverySince,
        Integer capacity)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return personId;
    }
}
