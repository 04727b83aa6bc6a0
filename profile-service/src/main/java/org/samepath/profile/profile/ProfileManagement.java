package org.samepath.profile.profile;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.not;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.profile.audit.Actor;
import org.samepath.profile.audit.AuditEntry;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The home of each person's profile. Every change is one single-document write that also appends the events it
 * causes to the document's outbox and an entry to its audit trail, guarded by the version read before (optimistic
 * concurrency): two concurrent changes never interleave, and every stored version has exactly one snapshot event.
 */
public class ProfileManagement {

    static final String COLLECTION = "profiles";
    private static final String ERASED = "erased";
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

    /** Creates or replaces the caller's own profile; returns the stored profile and whether it was new. */
    SavedProfile save(Actor actor, ProfileRequest request) {
        validator.validate(request);
        return retryOnConcurrentChange(() -> trySave(actor, request));
    }

    /** A live (not being erased) profile. */
    public Optional<Document> find(String personId) {
        return Optional.ofNullable(
                profiles.find(and(eq("_id", personId), not(exists(ERASED)))).first());
    }

    /**
     * When each of these people's live (not erased) profiles was created; the absent are missing from the map. One
     * indexed read that ships only the dates, for checks made on every lifecycle event.
     */
    public Map<String, Instant> createdAtOfLive(Collection<String> personIds) {
        Map<String, Instant> created = new HashMap<>();
        profiles.find(and(in("_id", personIds), not(exists(ERASED))))
                .projection(Projections.include("createdAt"))
                .forEach(profile -> created.put(
                        profile.getString("_id"), profile.getDate("createdAt").toInstant()));
        return created;
    }

    /** Mentors, optionally only those in one status, oldest first. */
    public List<Document> mentors(Optional<ProfileStatus> status) {
        List<Bson> filters =
                new ArrayList<>(List.of(eq(ProfileDocuments.ROLE, Role.MENTOR.name()), not(exists(ERASED))));
        status.ifPresent(value -> filters.add(eq(ProfileDocuments.STATUS, value.name())));
        return profiles.find(and(filters)).sort(Sorts.ascending("createdAt")).into(new ArrayList<>());
    }

    /**
     * Moves a mentor from one of {@code from} to {@code to}, publishing the new snapshot and auditing who did it.
     *
     * @throws ResponseStatusException 404 for no such mentor, 409 when the current status does not allow it
     */
    public Document changeMentorStatus(
            String mentorId, Set<ProfileStatus> from, ProfileStatus to, Actor actor, String action) {
        return retryOnConcurrentChange(() -> {
            Document existing = find(mentorId)
                    .filter(profile -> ProfileDocuments.role(profile) == Role.MENTOR)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such mentor."));
            ProfileStatus current = ProfileDocuments.status(existing);
            if (!from.contains(current)) {
                throw new ResponseStatusException(
                        HttpStatus.CONFLICT, "A mentor who is " + current + " cannot be " + action.toLowerCase() + ".");
            }
            Instant now = clock.instant();
            long version = ProfileDocuments.version(existing);
            Document updated = new Document(existing);
            updated.put(ProfileDocuments.STATUS, to.name());
            updated.put(ProfileDocuments.VERSION, version + 1);
            Bson change = Updates.combine(
                    Updates.set(ProfileDocuments.STATUS, to.name()),
                    Updates.set(ProfileDocuments.VERSION, version + 1),
                    Updates.set("updatedAt", Date.from(now)),
                    outbox.append(ProfileEvents.matchableSnapshot(mentorId, updated, now)),
                    Updates.push(
                            AuditEntry.FIELD,
                            AuditEntry.of(actor, action, List.of(), now).toDocument()));
            Optional<Document> written =
                    updateIfUnchanged(mentorId, version, change).map(ignored -> updated);
            written.ifPresent(ignored -> relay.relaySoon(profiles, mentorId));
            return written;
        });
    }

    /**
     * Erasure. One write strips every personal field, queues tombstones for the compacted topics behind any events
     * still pending, and marks the document to be deleted as soon as they are published, by the relay or, after a
     * crash, by its sweep. From this moment the profile no longer exists for the API.
     *
     * @return false when there was no live profile
     */
    boolean erase(String personId) {
        return retryOnConcurrentChange(() -> {
            Optional<Document> existing = find(personId);
            if (existing.isEmpty()) {
                return Optional.of(false);
            }
            long version = ProfileDocuments.version(existing.get());
            List<Bson> changes = new ArrayList<>();
            // The fields this write sets are never among those it unsets: a read that raced with another erasure
            // (the stand-in can hand out a document mid-update) must not make the update conflict with itself.
            Set<String> kept = Set.of(
                    "_id",
                    ProfileDocuments.VERSION,
                    Outbox.FIELD,
                    Outbox.PENDING_SINCE,
                    ERASED,
                    Outbox.DELETE_WHEN_PUBLISHED);
            existing.get().keySet().stream()
                    .filter(field -> !kept.contains(field))
                    .forEach(field -> changes.add(Updates.unset(field)));
            // A new version, so a change computed from the profile before erasure can no longer be written.
            changes.add(Updates.set(ProfileDocuments.VERSION, version + 1));
            changes.add(Updates.set(ERASED, true));
            changes.add(Updates.set(Outbox.DELETE_WHEN_PUBLISHED, true));
            changes.add(outbox.appendTombstones(personId, Topics.PROFILES, Topics.CONTACT_POINTS));
            // Only a profile not yet erased: of two erasures that read the same version, one erases, the other finds
            // nothing left on its retry.
            boolean erased = profiles.updateOne(
                                    and(
                                            eq("_id", personId),
                                            eq(ProfileDocuments.VERSION, version),
                                            not(exists(ERASED))),
                                    Updates.combine(changes))
                            .getModifiedCount()
                    == 1;
            if (!erased) {
                return Optional.<Boolean>empty();
            }
            relay.relaySoon(profiles, personId);
            return Optional.of(true);
        });
    }

    /** A profile's audit trail, oldest first. */
    public List<AuditEntry> audit(String personId) {
        return find(personId)
                .map(profile -> profile.getList(AuditEntry.FIELD, Document.class, List.of()).stream()
                        .map(AuditEntry::from)
                        .toList())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such profile."));
    }

    private Optional<SavedProfile> trySave(Actor actor, ProfileRequest request) {
        String personId = actor.personId();
        Instant now = clock.instant();
        Document existing = profiles.find(eq("_id", personId)).first();
        Document fields = ProfileDocuments.fields(request, now);
        if (existing != null && existing.containsKey(ERASED)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This profile is being erased; try again shortly.");
        }
        if (existing == null) {
            return create(actor, request, fields, now);
        }
        if (ProfileDocuments.role(existing) != request.role()) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "A profile keeps its role; this one is " + existing.getString("role") + ".");
        }
        long version = ProfileDocuments.version(existing);
        List<String> changedFields = fields.keySet().stream()
                .filter(field -> !field.equals("updatedAt"))
                .filter(field -> !Objects.equals(existing.get(field), fields.get(field)))
                .toList();
        Document updated = new Document(existing);
        updated.putAll(fields);
        updated.put(ProfileDocuments.VERSION, version + 1);
        List<Bson> changes = new ArrayList<>();
        fields.forEach((name, value) -> changes.add(Updates.set(name, value)));
        changes.add(Updates.set(ProfileDocuments.VERSION, version + 1));
        changes.add(outbox.append(events(personId, updated, now)));
        changes.add(Updates.push(
                AuditEntry.FIELD,
                AuditEntry.of(actor, "PROFILE_UPDATED", changedFields, now).toDocument()));
        Optional<SavedProfile> saved = updateIfUnchanged(personId, version, Updates.combine(changes))
                .map(ignored -> new SavedProfile(updated, false));
        saved.ifPresent(ignored -> relay.relaySoon(profiles, personId));
        return saved;
    }

    private Optional<SavedProfile> create(Actor actor, ProfileRequest request, Document fields, Instant now) {
        String personId = actor.personId();
        Document created = new Document("_id", personId)
                .append(ProfileDocuments.ROLE, request.role().name())
                .append(ProfileDocuments.STATUS, initialStatus(request.role()).name())
                .append(ProfileDocuments.VERSION, 1L)
                .append("createdAt", Date.from(now));
        created.putAll(fields);
        outbox.attach(created, events(personId, created, now));
        created.append(
                AuditEntry.FIELD,
                List.of(AuditEntry.of(actor, "PROFILE_CREATED", List.of(), now).toDocument()));
        try {
            profiles.insertOne(created);
            relay.relaySoon(profiles, personId);
            return Optional.of(new SavedProfile(created, true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty(); // created concurrently, or its erased predecessor not yet gone: retry
            }
            throw e;
        }
    }

    private Optional<Document> updateIfUnchanged(String personId, long version, Bson change) {
        var result = profiles.updateOne(and(eq("_id", personId), eq(ProfileDocuments.VERSION, version)), change);
        return result.getModifiedCount() == 1 ? Optional.of(new Document()) : Optional.empty();
    }

    private <T> T retryOnConcurrentChange(java.util.function.Supplier<Optional<T>> attempt) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "The profile is being changed concurrently; try again.");
    }

    private static DomainEvent[] events(String personId, Document profile, Instant now) {
        return new DomainEvent[] {
            ProfileEvents.matchableSnapshot(personId, profile, now), ProfileEvents.contactPoint(personId, profile, now)
        };
    }

    private static ProfileStatus initialStatus(Role role) {
        return role == Role.MENTOR ? ProfileStatus.PENDING_APPROVAL : ProfileStatus.ACTIVE;
    }

    record SavedProfile(Document profile, boolean created) {}
}
