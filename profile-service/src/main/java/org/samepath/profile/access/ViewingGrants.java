package org.samepath.profile.access;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;

/**
 * Which mentor may see which newcomer's shareable view, learned from matching-service's lifecycle events: a pending
 * proposal grants it, an active match adds the contact, and the grant goes when the last proposal or match between
 * the two ends. Every change is a set operation on one document, so a redelivered event changes nothing.
 */
public class ViewingGrants {

    static final String COLLECTION = "viewing_grants";
    static final String BLOCKS = "blocked_pairs";
    private static final String PROPOSALS = "proposals";
    private static final String MATCHES = "matches";

    /** How much a mentor may see of a newcomer. */
    public enum Level {
        PROPOSAL,
        MATCH
    }

    private final MongoCollection<Document> grants;
    private final MongoCollection<Document> blocks;
    /** When each live (not erased) profile among the given people was created; the absent are left out. */
    private final Function<Collection<String>, Map<String, Instant>> liveSince;

    ViewingGrants(MongoDatabase database, Function<Collection<String>, Map<String, Instant>> liveSince) {
        this.grants = database.getCollection(COLLECTION);
        this.blocks = database.getCollection(BLOCKS);
        this.liveSince = liveSince;
    }

    /**
     * Whether an event about this pair may still grant anything: both profiles exist, and both already existed when
     * the event happened. An event that arrives after an erasure (or that was about someone's former, erased self
     * who has since come back) grants nothing.
     */
    boolean bothStillThere(String mentorId, String newcomerId, Instant eventTime) {
        Map<String, Instant> created = liveSince.apply(List.of(mentorId, newcomerId));
        return existedAt(created.get(mentorId), eventTime) && existedAt(created.get(newcomerId), eventTime);
    }

    private static boolean existedAt(Instant created, Instant eventTime) {
        return created != null && !created.isAfter(eventTime);
    }

    public Optional<Level> levelOf(String mentorId, String newcomerId) {
        Document grant = grants.find(eq("_id", id(mentorId, newcomerId))).first();
        if (grant == null) {
            return Optional.empty();
        }
        if (!grant.getList(MATCHES, String.class, List.of()).isEmpty()) {
            return Optional.of(Level.MATCH);
        }
        return grant.getList(PROPOSALS, String.class, List.of()).isEmpty()
                ? Optional.empty()
                : Optional.of(Level.PROPOSAL);
    }

    void proposed(String mentorId, String newcomerId, String proposalId) {
        add(mentorId, newcomerId, PROPOSALS, proposalId);
    }

    void accepted(String mentorId, String newcomerId, String proposalId, String matchId) {
        add(mentorId, newcomerId, MATCHES, matchId);
        remove(mentorId, newcomerId, PROPOSALS, proposalId);
    }

    void proposalClosed(String mentorId, String newcomerId, String proposalId) {
        remove(mentorId, newcomerId, PROPOSALS, proposalId);
    }

    void matchEnded(String mentorId, String newcomerId, String matchId) {
        remove(mentorId, newcomerId, MATCHES, matchId);
    }

    /** Whether the two are on either side of a pending proposal or an active match. */
    public boolean paired(String personA, String personB) {
        return levelOf(personA, personB).isPresent()
                || levelOf(personB, personA).isPresent();
    }

    /**
     * A report blocks the pair: neither sees the other from now on, and no lifecycle event about them grants anything
     * again (a late or replayed acceptance of their match included).
     */
    public void forgetPair(String personA, String personB) {
        blocks.updateOne(
                eq("_id", blockId(personA, personB)),
                Updates.setOnInsert("people", List.of(personA, personB)),
                new UpdateOptions().upsert(true));
        grants.deleteMany(or(eq("_id", id(personA, personB)), eq("_id", id(personB, personA))));
    }

    /** Erasure: every grant and block the person is on either side of. */
    public void forget(String personId) {
        grants.deleteMany(or(eq("mentorId", personId), eq("newcomerId", personId)));
        blocks.deleteMany(eq("people", personId));
    }

    private boolean blocked(String mentorId, String newcomerId) {
        return blocks.find(eq("_id", blockId(mentorId, newcomerId))).first() != null;
    }

    private void add(String mentorId, String newcomerId, String field, String value) {
        if (blocked(mentorId, newcomerId)) {
            return;
        }
        String id = id(mentorId, newcomerId);
        grants.updateOne(
                eq("_id", id),
                Updates.combine(
                        Updates.setOnInsert("mentorId", mentorId),
                        Updates.setOnInsert("newcomerId", newcomerId),
                        Updates.addToSet(field, value)),
                new UpdateOptions().upsert(true));
        // An erasure or a report may have run between the check and the grant: it must win.
        Map<String, Instant> live = liveSince.apply(List.of(mentorId, newcomerId));
        if (!live.containsKey(mentorId) || !live.containsKey(newcomerId) || blocked(mentorId, newcomerId)) {
            grants.deleteOne(eq("_id", id));
        }
    }

    private void remove(String mentorId, String newcomerId, String field, String value) {
        String id = id(mentorId, newcomerId);
        grants.updateOne(eq("_id", id), Updates.pull(field, value));
        grants.deleteOne(and(
                eq("_id", id), or(size(PROPOSALS, 0), eq(PROPOSALS, null)), or(size(MATCHES, 0), eq(MATCHES, null))));
    }

    private static String id(String mentorId, String newcomerId) {
        return mentorId + "|" + newcomerId;
    }

    private static String blockId(String personA, String personB) {
        return personA.compareTo(personB) < 0 ? personA + "|" + personB : personB + "|" + personA;
    }
}
