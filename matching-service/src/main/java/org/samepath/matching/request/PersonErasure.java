package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.platform.outbox.Outbox;
import org.springframework.web.server.ResponseStatusException;

/**
 * Erasure in matching-service. The other side is looked after first (a newcomer's pending proposal is withdrawn and
 * their mentor's slot freed; a mentor's newcomers are matched again), then the person's own requests go as soon as
 * their last events are published, and their id is replaced in what others' requests remember about them.
 */
public class PersonErasure {

    static final String ERASED = "erased";

    private final MatchRequestStore store;
    private final RequestIntake intake;
    private final MatchEndings endings;
    private final PoolChanges pool;
    private final MentorSlots slots;
    private final PairHistory history;
    private final NewcomerLocks locks;

    PersonErasure(
            MatchRequestStore store,
            RequestIntake intake,
            MatchEndings endings,
            PoolChanges pool,
            MentorSlots slots,
            PairHistory history,
            NewcomerLocks locks) {
        this.store = store;
        this.intake = intake;
        this.endings = endings;
        this.pool = pool;
        this.slots = slots;
        this.history = history;
        this.locks = locks;
    }

    public void erase(String personId) {
        eraseAsNewcomer(personId);
        eraseAsMentor(personId);
        history.forget(personId);
    }

    private void eraseAsNewcomer(String newcomerId) {
        for (MatchRequest request : store.findAll(eq("newcomerId", newcomerId))) {
            if (request.status().isOpen()) {
                ignoreConflict(() -> intake.withdraw(newcomerId, request.id()));
            } else if (request.match() != null && request.match().status() != MatchStatus.ENDED) {
                ignoreConflict(() -> endings.end(request.match().id(), null, "SYSTEM", "ERASURE", false));
            }
        }
        // Each request goes once its last events (withdrawal, ending) are out; those with none go now.
        Bson own = eq("newcomerId", newcomerId);
        store.collection().updateMany(own, Updates.set(Outbox.DELETE_WHEN_PUBLISHED, true));
        store.collection().deleteMany(and(own, exists(Outbox.FIELD + ".0", false)));
        store.findAll(own).forEach(request -> store.relayNow(request.id()));
        locks.forget(newcomerId);
    }

    private void eraseAsMentor(String mentorId) {
        pool.mentorUnavailable(mentorId, "MENTOR_LEFT");
        for (MatchRequest request : store.findAll(eq("match.mentorId", mentorId))) {
            if (request.match().status() != MatchStatus.ENDED) {
                ignoreConflict(() -> endings.end(request.match().id(), null, "SYSTEM", "ERASURE", false));
                ignoreConflict(() -> intake.submit(request.newcomerId(), null));
            }
        }
        // The slots go before the scrub: the scrub is the last change anyone can see, so once a request no longer
        // names the mentor, nothing of theirs is left.
        slots.forget(mentorId);
        scrub(mentorId);
    }

    /**
     * Replaces the mentor's id in other newcomers' requests (history, provenance), never in unpublished events. Each
     * rewrite is version-guarded like every other request change, and retried, so it cannot undo a concurrent one.
     */
    private void scrub(String mentorId) {
        String quoted = "\"" + mentorId + "\"";
        for (Document document : store.collection().find()) {
            Object id = document.get("_id");
            for (int attempt = 0; attempt < 5 && document != null && !scrubbed(document, quoted); attempt++) {
                document = store.collection().find(eq("_id", id)).first();
            }
        }
    }

    /** True when there was nothing to replace or the replacement was written. */
    private boolean scrubbed(Document document, String quoted) {
        Document withoutOutbox = new Document(document);
        withoutOutbox.remove(Outbox.FIELD);
        withoutOutbox.remove(Outbox.PENDING_SINCE); // the relay's to clear, never to be written back
        String json = withoutOutbox.toJson();
        if (!json.contains(quoted)) {
            return true;
        }
        Document scrubbed = Document.parse(json.replace(quoted, "\"" + ERASED + "\""));
        long version = document.get("version", Number.class).longValue();
        List<Bson> changes = new ArrayList<>();
        scrubbed.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("version")) {
                changes.add(Updates.set(field, value));
            }
        });
        changes.add(Updates.set("version", version + 1));
        return store.collection()
                        .updateOne(
                                and(eq("_id", document.get("_id")), eq("version", version)), Updates.combine(changes))
                        .getModifiedCount()
                == 1;
    }

    private static void ignoreConflict(Runnable action) {
        try {
            action.run();
        } catch (ResponseStatusException alreadyChanged) {
            // someone else moved the request on; erasure continues with what is there
        }
    }
}
