package org.samepath.notification.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.samepath.notification.contact.PersonErased;
import org.samepath.platform.mongo.IdempotentWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Emails waiting to go out, in the {@code outgoing_emails} collection: created once per notification (its id is the
 * email's id) as {@code PENDING}; a dispatcher claims one with a conditional update ({@code PENDING}, or
 * {@code SENDING} whose lease has run out, becomes {@code SENDING} with a new lease and claim token), and only the
 * holder of that claim can mark it {@code SENT} or put it back. So two dispatchers, on one instance or two, never
 * send the same email at once, and an email whose sender died is picked up again when its lease ends.
 */
class OutgoingEmails {

    private static final Logger log = LoggerFactory.getLogger(OutgoingEmails.class);

    static final String COLLECTION = "outgoing_emails";
    static final String STATUS = "status";
    static final String PENDING = "PENDING";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    private static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String CLAIM = "claim";
    private static final String ATTEMPTS = "attempts";

    private final MongoCollection<Document> emails;
    private final Clock clock;
    private final DeliveryProperties.Email settings;

    OutgoingEmails(MongoDatabase database, Clock clock, DeliveryProperties.Email settings) {
        this.emails = database.getCollection(COLLECTION);
        this.clock = clock;
        this.settings = settings;
        try {
            emails.createIndex(Indexes.ascending(STATUS, NEXT_ATTEMPT_AT));
            emails.createIndex(Indexes.ascending("people"));
        } catch (RuntimeException e) {
            // Indexes only speed the dispatcher up; it works without them until the next start creates them.
            log.warn("Could not create the outgoing email indexes now: {}", e.toString());
        }
    }

    /** An email claimed for sending; only this claim may settle it. */
    record Claim(String id, String to, String token, int attempts) {}

    /** An email to queue for a notification; {@code recipientId} is null for a coordinator-alert copy. */
    record Pending(String id, String notificationId, String to, String recipientId, List<String> people) {}

    /** @return true when stored now, false when an earlier delivery of the same event already did */
    boolean enqueue(String id, String notificationId, String to, String recipientId, List<String> people) {
        return enqueueAll(List.of(new Pending(id, notificationId, to, recipientId, people))) > 0;
    }

    /** Queues these emails in one write; those an earlier delivery queued stay as they are. @return how many are new */
    int enqueueAll(List<Pending> pending) {
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>(pending.size());
        for (Pending email : pending) {
            Document document = new Document("_id", email.id())
                    .append("notificationId", email.notificationId())
                    .append("to", email.to())
                    .append("people", email.people())
                    .append(STATUS, PENDING)
                    .append(ATTEMPTS, 0)
                    .append("createdAt", Date.from(now))
                    .append(NEXT_ATTEMPT_AT, Date.from(now));
            if (email.recipientId() != null) {
                document.append("recipientId", email.recipientId());
            }
            documents.add(document);
        }
        return (int) IdempotentWrites.insertAllOnce(emails, documents).stream()
                .filter(Boolean::booleanValue)
                .count();
    }

    Optional<Claim> claimNext() {
        Instant now = clock.instant();
        Bson due = and(eq(STATUS, PENDING), lte(NEXT_ATTEMPT_AT, Date.from(now)));
        Bson abandoned = and(eq(STATUS, SENDING), lt(LEASE_UNTIL, Date.from(now)));
        String token = UUID.randomUUID().toString();
        Document claimed = emails.findOneAndUpdate(
                or(due, abandoned),
                Updates.combine(
                        Updates.set(STATUS, SENDING),
                        Updates.set(LEASE_UNTIL, Date.from(now.plus(settings.lease()))),
                        Updates.set(CLAIM, token),
                        Updates.inc(ATTEMPTS, 1)),
                new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending(NEXT_ATTEMPT_AT))
                        .returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed)
                .map(email ->
                        new Claim(email.getString("_id"), email.getString("to"), token, email.getInteger(ATTEMPTS, 1)));
    }

    /** @return false when the claim was lost (its lease ran out and another dispatcher took the email) */
    boolean markSent(Claim claim) {
        return settle(claim, Updates.combine(Updates.set(STATUS, SENT), Updates.set("sentAt", now())));
    }

    /** A failed attempt: the email waits, longer after each failure, and goes out when SMTP answers again. */
    void retryLater(Claim claim, RuntimeException failure) {
        long factor = 1L << Math.min(Math.max(claim.attempts() - 1, 0), 20);
        Duration wait = settings.retryBackoff().multipliedBy(factor);
        if (wait.compareTo(settings.maxRetryBackoff()) > 0) {
            wait = settings.maxRetryBackoff();
        }
        settle(
                claim,
                Updates.combine(
                        Updates.set(STATUS, PENDING),
                        Updates.set(NEXT_ATTEMPT_AT, Date.from(clock.instant().plus(wait))),
                        Updates.set("lastError", failure.getClass().getSimpleName())));
    }

    /** Not attempted (circuit open, bulkhead full): back in the queue as it was. */
    void putBack(Claim claim) {
        settle(claim, Updates.combine(Updates.set(STATUS, PENDING), Updates.inc(ATTEMPTS, -1)));
    }

    /** The email can never be sent as it is (e.g. an address SMTP cannot parse). */
    void markFailed(Claim claim, RuntimeException failure) {
        settle(
                claim,
                Updates.combine(
                        Updates.set(STATUS, FAILED),
                        Updates.set("lastError", failure.getClass().getSimpleName())));
    }

    /** Removes the emails of one notification (an erasure raced with its creation). */
    void discardFor(Collection<String> notificationIds) {
        if (!notificationIds.isEmpty()) {
            emails.deleteMany(in("notificationId", notificationIds));
        }
    }

    /** Erasure: every email to the person or about them goes, sent ones included (they hold the address). */
    @EventListener
    void on(PersonErased erased) {
        emails.deleteMany(or(eq("recipientId", erased.personId()), eq("people", erased.personId())));
    }

    private boolean settle(Claim claim, Bson update) {
        return emails.updateOne(
                                and(eq("_id", claim.id()), eq(CLAIM, claim.token())),
                                Updates.combine(update, Updates.unset(LEASE_UNTIL), Updates.unset(CLAIM)))
                        .getModifiedCount()
                > 0;
    }

    private Date now() {
        return Date.from(clock.instant());
    }
}
