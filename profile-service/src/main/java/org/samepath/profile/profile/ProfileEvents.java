package org.samepath.profile.profile;

import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.samepath.contracts.profile.ContactPointChanged;
import org.samepath.contracts.profile.MatchableProfileChanged;

/**
 * The two events every profile change causes, built with least data: the matchable snapshot (pseudonymous id,
 * role, status, consented attributes only) and, separately, the contact point that only notification-service reads.
 */
final class ProfileEvents {

    private ProfileEvents() {}

    static MatchableProfileChanged matchableSnapshot(String personId, Document profile, Instant now) {
        return new MatchableProfileChanged(
                UUID.randomUUID().toString(),
                personId,
                ProfileDocuments.version(profile),
                now,
                ProfileDocuments.role(profile),
                ProfileDocuments.status(profile),
                profile.getList("languages", String.class, java.util.List.of()),
                profile.getString("timeZone"),
                profile.getString("genderIdentity"),
                profile.getString("ageBand"),
                profile.getList("availability", String.class, java.util.List.of()),
                profile.getList("recoveryPathways", String.class, java.util.List.of()),
                ProfileDocuments.matchableTags(profile, "livedExperience"),
                ProfileDocuments.matchableTags(profile, "identities"),
                ProfileDocuments.matchableFaith(profile),
                profile.getList("conflicts", String.class, java.util.List.of()),
                ProfileDocuments.preferences(profile),
                ProfileDocuments.recoverySince(profile),
                profile.getInteger("capacity"));
    }

    static ContactPointChanged contactPoint(String personId, Document profile, Instant now) {
        Document contact = ProfileDocuments.contact(profile);
        return new ContactPointChanged(
                UUID.randomUUID().toString(),
                personId,
                ProfileDocuments.version(profile),
                now,
                profile.getString("displayName"),
                contact.getString("email"),
                contact.getBoolean("emailOptIn", false));
    }
}
