package org.samepath.profile.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.samepath.contracts.profile.Consent;
import org.samepath.contracts.profile.ConsentedTag;
import org.samepath.contracts.profile.MatchPreference;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.profile.profile.ProfileRequest.ConsentedTagRequest;

/** Maps a profile between its request, its MongoDB document and its views. Field names are the API's. */
final class ProfileDocuments {

    static final String ROLE = "role";
    static final String STATUS = "status";
    static final String VERSION = "version";

    private ProfileDocuments() {}

    /** The person-owned fields of a profile document (everything but id, role, status, version and outbox). */
    static Document fields(ProfileRequest request, Instant now) {
        return new Document("displayName", request.displayName())
                .append("languages", request.languagesOrEmpty())
                .append("timeZone", request.timeZone())
                .append("genderIdentity", request.genderIdentity())
                .append("ageBand", request.ageBand())
                .append("availability", request.availabilityOrEmpty())
                .append("recoveryPathways", request.recoveryPathwaysOrEmpty())
                .append("livedExperience", tags(request.livedExperienceOrEmpty()))
                .append("identities", tags(request.identitiesOrEmpty()))
                .append(
                        "faith",
                        request.faith() == null
                                ? null
                                : new Document("value", request.faith().value())
                                        .append(
                                                "consent",
                                                request.faith().consent().name()))
                .append("conflicts", request.conflictsOrEmpty())
                .append(
                        "contact",
                        new Document("email", request.contact().email())
                                .append("emailOptIn", request.contact().emailOptIn()))
                .append(
                        "preferences",
                        request.preferencesOrEmpty().stream()
                                .map(p -> new Document(
                                                "criterion", p.criterion().name())
                                        .append("value", p.value())
                                        .append("strength", p.strength().name()))
                                .toList())
                .append(
                        "recoverySince",
                        request.recoverySince() == null
                                ? null
                                : request.recoverySince().toString())
                .append("capacity", request.capacity())
                .append("updatedAt", Date.from(now));
    }

    private static List<Document> tags(List<ConsentedTagRequest> tags) {
        return tags.stream()
                .map(tag -> new Document("tag", tag.tag())
                        .append("consent", tag.consent().name()))
                .toList();
    }

    static Role role(Document profile) {
        return Role.valueOf(profile.getString(ROLE));
    }

    static ProfileStatus status(Document profile) {
        return ProfileStatus.valueOf(profile.getString(STATUS));
    }

    static long version(Document profile) {
        return profile.get(VERSION, Number.class).longValue();
    }

    /** Tagged attributes the person lets matching use: PRIVATE ones never leave this service. */
    static List<ConsentedTag> matchableTags(Document profile, String field) {
        return profile.getList(field, Document.class, List.of()).stream()
                .map(ProfileDocuments::consentedTag)
                .filter(tag -> tag.consent() != Consent.PRIVATE)
                .toList();
    }

    static ConsentedTag matchableFaith(Document profile) {
        Document faith = profile.get("faith", Document.class);
        if (faith == null || Consent.valueOf(faith.getString("consent")) == Consent.PRIVATE) {
            return null;
        }
        return new ConsentedTag(faith.getString("value"), Consent.valueOf(faith.getString("consent")));
    }

    static List<MatchPreference> preferences(Document profile) {
        return profile.getList("preferences", Document.class, List.of()).stream()
                .map(p -> new MatchPreference(p.getString("criterion"), p.getString("value"), p.getString("strength")))
                .toList();
    }

    static LocalDate recoverySince(Document profile) {
        String since = profile.getString("recoverySince");
        return since == null ? null : LocalDate.parse(since);
    }

    static Document contact(Document profile) {
        return profile.get("contact", Document.class);
    }

    private static ConsentedTag consentedTag(Document tag) {
        return new ConsentedTag(tag.getString("tag"), Consent.valueOf(tag.getString("consent")));
    }
}
