package org.samepath.profile.profile;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.platform.events.EventJson;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The home of each person's profile. Every change is one single-document write that also appends the events it
 * causes to the document's outbox, guarded by the version read before (optimistic concurrency), so two concurrent
 * edits never interleave and every stored version has exactly one snapshot event.
 */
public class ProfileManagement {

    static final String COLLECTION = "profiles";
    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> profiles;
    private final ProfileValidator validator;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    ProfileManagement(
            MongoDatabase database, ProfileValidator validator, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.profiles = database.getCollection(COLLECTION);
        this.validator = validator;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /** Creates or replaces a person's profile; returns the stored profile and whether it was new. */
    SavedProfile save(String personId, ProfileRequest request) {
        validator.validate(request);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<SavedProfile> saved = trySave(personId, request);
            if (saved.isPresent()) {
                relay.relaySoon(profiles, personId);
                return saved.get();
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The profile is being changed concurrently; try again.");
    }

    Optional<ProfileView> find(String personId) {
        return Optional.ofNullable(profiles.find(eq("_id", personId)).first()).map(ProfileManagement::view);
    }

    private Optional<SavedProfile> trySave(String personId, ProfileRequest request) {
        Instant now = clock.instant();
        Document existing = profiles.find(eq("_id", personId)).first();
        Document fields = ProfileDocuments.fields(request, now);
        if (existing == null) {
            Document created = new Document("_id", personId)
                    .append(ProfileDocuments.ROLE, request.role().name())
                    .append(
                            ProfileDocuments.STATUS,
                            initialStatus(request.role()).name())
                    .append(ProfileDocuments.VERSION, 1L)
                    .append("createdAt", Date.from(now));
            created.putAll(fields);
            created.append(Outbox.FIELD, outbox.entries(events(personId, created, now)));
            try {
                profiles.insertOne(created);
                return Optional.of(new SavedProfile(view(created), true));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return Optional.empty(); // created concurrently: retry as an update
                }
                throw e;
            }
        }
        if (ProfileDocuments.role(existing) != request.role()) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "A profile keeps its role; this one is " + existing.getString("role") + ".");
        }
        long version = ProfileDocuments.version(existing);
        Document updated = new Document(existing);
        updated.putAll(fields);
        updated.put(ProfileDocuments.VERSION, version + 1);
        List<Bson> changes = new ArrayList<>();
        fields.forEach((name, value) -> changes.add(Updates.set(name, value)));
        changes.add(Updates.set(ProfileDocuments.VERSION, version + 1));
        changes.add(outbox.append(events(personId, updated, now)));
        var result = profiles.updateOne(
                and(eq("_id", personId), eq(ProfileDocuments.VERSION, version)), Updates.combine(changes));
        return result.getModifiedCount() == 1 ? Optional.of(new SavedProfile(view(updated), false)) : Optional.empty();
    }

    private static org.samepath.contracts.DomainEvent[] events(String personId, Document profile, Instant now) {
        return new org.samepath.contracts.DomainEvent[] {
            ProfileEvents.matchableSnapshot(personId, profile, now), ProfileEvents.contactPoint(personId, profile, now)
        };
    }

    private static ProfileStatus initialStatus(Role role) {
        return role == Role.MENTOR ? ProfileStatus.PENDING_APPROVAL : ProfileStatus.ACTIVE;
    }

    static ProfileView view(Document profile) {
        Document view = new Document(profile);
        view.put("id", view.remove("_id"));
        view.remove(Outbox.FIELD);
        view.remove("createdAt");
        view.remove("updatedAt");
        return EventJson.MAPPER.convertValue(view, ProfileView.class);
    }

    record SavedProfile(ProfileView profile, boolean created) {}
}
