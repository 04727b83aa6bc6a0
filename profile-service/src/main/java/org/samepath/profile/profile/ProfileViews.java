package org.samepath.profile.profile;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.samepath.contracts.profile.Consent;
import org.samepath.platform.events.EventJson;
import org.samepath.platform.outbox.Outbox;
import org.samepath.profile.audit.AuditEntry;

/**
 * What each viewer may see of a profile. The owner sees everything; a coordinator sees everything but attributes
 * marked MATCH_ONLY or PRIVATE (MATCH_ONLY is used for matching and never shown to anyone); a mentor with a proposal
 * sees the shareable view, and their contact only once the match is active.
 */
public final class ProfileViews {

    private ProfileViews() {}

    /** The owner's own view. */
    public static ProfileView full(Document profile) {
        Document view = new Document(profile);
        view.put("id", view.remove("_id"));
        view.remove(Outbox.FIELD);
        view.remove(AuditEntry.FIELD);
        view.remove("createdAt");
        view.remove("updatedAt");
        return EventJson.MAPPER.convertValue(view, ProfileView.class);
    }

    /** A coordinator's view: only attributes their owner lets be shown. */
    public static ProfileView coordinator(Document profile) {
        Document shown = new Document(profile);
        shown.put("livedExperience", shared(profile.getList("livedExperience", Document.class, List.of())));
        shown.put("identities", shared(profile.getList("identities", Document.class, List.of())));
        Document faith = profile.get("faith", Document.class);
        shown.put("faith", faith != null && isShared(faith) ? faith : null);
        return full(shown);
    }

    /** What a mentor sees of a newcomer proposed to or matched with them. */
    public static ShareableProfileView shareable(Document profile, boolean withContact) {
        Document faith = profile.get("faith", Document.class);
        Document contact = ProfileDocuments.contact(profile);
        return new ShareableProfileView(
                profile.getString("_id"),
                profile.getString(ProfileDocuments.ROLE),
                profile.getString("displayName"),
                profile.getList("languages", String.class, List.of()),
                profile.getString("timeZone"),
                profile.getString("genderIdentity"),
                profile.getString("ageBand"),
                profile.getList("availability", String.class, List.of()),
                profile.getList("recoveryPathways", String.class, List.of()),
                tags(profile, "livedExperience"),
                tags(profile, "identities"),
                faith != null && isShared(faith) ? Map.of("value", faith.getString("value")) : null,
                withContact ? Map.of("email", contact.getString("email")) : null);
    }

    private static List<Map<String, String>> tags(Document profile, String field) {
        return shared(profile.getList(field, Document.class, List.of())).stream()
                .map(tag -> Map.of("tag", tag.getString("tag")))
                .toList();
    }

    private static List<Document> shared(List<Document> tags) {
        return tags.stream().filter(ProfileViews::isShared).toList();
    }

    private static boolean isShared(Document consented) {
        return Consent.MATCH_AND_SHARE.name().equals(consented.getString("consent"));
    }

    /** A newcomer as a proposed or matched mentor sees them: shareable attributes, contact only when matched. */
    public record ShareableProfileView(
            String id,
            String role,
            String displayName,
            List<String> languages,
            String timeZone,
            String genderIdentity,
            String ageBand,
            List<String> availability,
            List<String> recoveryPathways,
            List<Map<String, String>> livedExperience,
            List<Map<String, String>> identities,
            Map<String, String> faith,
            Map<String, String> contact) {}
}
