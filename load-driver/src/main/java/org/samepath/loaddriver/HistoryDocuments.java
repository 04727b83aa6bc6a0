package org.samepath.loaddriver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;

/**
 * A year of history as the services would have stored it, one document at a time and the same for the same index:
 * match requests in the shape {@code MatchRequestStore} writes (the JSON of {@code MatchRequest}, instants as ISO-8601
 * text, {@code id} as {@code _id}, no outbox left, plus its derived {@code updatedAt}, {@code dueAt} and
 * {@code waitlistedSince}), the newcomer locks and mentor slots that go with them, and one notification per request. Closed requests belong to newcomers who are not the run's ({@code hist-n-…}) and
 * may name the run's mentors; open ones are proposals to mentors outside the pool ({@code hist-m-…}) due in a year,
 * so they neither expire, nor come due for a reminder, nor take a live mentor's slot during the run.
 */
final class HistoryDocuments {

    static final String NEWCOMER_PREFIX = "hist-n-";
    static final String MENTOR_PREFIX = "hist-m-";
    /** Open proposals per outside mentor, who is then full. */
    static final int HOLDS_PER_MENTOR = 5;

    private static final Duration YEAR = Duration.ofDays(365);
    private static final Duration RESPONSE_DEADLINE = Duration.ofHours(72);
    private static final String ENGINE_VERSION = "samepath-matching-engine/1.0";
    private static final List<String> CRITERIA =
            List.of("LANGUAGE", "SHARED_EXPERIENCE", "PATHWAY", "AVAILABILITY", "AGE_BAND", "MENTOR_LOAD");

    private final Instant now;
    private final List<String> closedMentorIds;

    /** @param closedMentorIds mentors the closed requests may name (the run's own are fine: nothing of theirs stays open) */
    HistoryDocuments(Instant now, List<String> closedMentorIds) {
        this.now = now;
        this.closedMentorIds = List.copyOf(closedMentorIds);
    }

    static String closedRequestId(int index) {
        return "r-hist-c" + index;
    }

    static String openRequestId(int index) {
        return "r-hist-o" + index;
    }

    static String openMentorId(int index) {
        return MENTOR_PREFIX + index / HOLDS_PER_MENTOR;
    }

    /** A request closed months ago: its match ended (most), or withdrawn while waiting or after a proposal lapsed. */
    Document closedRequest(int index) {
        Random random = new Random(7_919L * index + 1);
        // At least a week old, so every proposal, match and notification of it lies well in the past.
        Instant created = now.minus(Duration.ofHours(7 * 24 + random.nextInt(358 * 24)));
        String id = closedRequestId(index);
        String mentorId = closedMentorIds.get(random.nextInt(closedMentorIds.size()));
        List<Document> proposals = new ArrayList<>();
        Document match = null;
        String status;
        int kind = random.nextInt(100);
        Instant proposedAt = created.plusSeconds(1);
        Instant closedAt;
        if (kind < 20) {
            status = "WITHDRAWN";
            closedAt = created.plus(Duration.ofDays(1));
        } else if (kind < 35) {
            proposals.add(proposal(
                    id + "-p1", mentorId, "EXPIRED", proposedAt, proposedAt.plus(RESPONSE_DEADLINE), "NO_ANSWER"));
            status = "WITHDRAWN";
            closedAt = proposedAt.plus(RESPONSE_DEADLINE).plus(Duration.ofHours(1));
        } else {
            Instant accepted = proposedAt.plus(Duration.ofMinutes(10 + random.nextInt(48 * 60)));
            proposals.add(proposal(id + "-p1", mentorId, "ACCEPTED", proposedAt, accepted, null));
            Instant ended =
                    min(accepted.plus(Duration.ofDays(7 + random.nextInt(120))), now.minus(Duration.ofHours(1)));
            match = new Document("id", "m-" + id + "-p1")
                    .append("proposalId", id + "-p1")
                    .append("mentorId", mentorId)
                    .append("status", "ENDED")
                    .append("startedAt", iso(accepted))
                    .append("endedAt", iso(ended))
                    .append("endedBy", random.nextBoolean() ? "NEWCOMER" : "MENTOR")
                    .append("endReason", "COMPLETED");
            status = "CLOSED";
            closedAt = ended;
        }
        Document request = request(
                id, NEWCOMER_PREFIX + "c" + index, status, created, 3 + proposals.size(), proposals, match, random);
        return withStoreFields(request, closedAt, null);
    }

    /** A request whose proposal to an outside mentor is pending and due in a year. */
    Document openRequest(int index) {
        Random random = new Random(104_729L * index + 3);
        Instant created = now.minus(Duration.ofMinutes(60 + random.nextInt(47 * 60)));
        String id = openRequestId(index);
        Instant remindAt = now.plus(YEAR.dividedBy(2));
        Document pending = proposal(id + "-p1", openMentorId(index), "PENDING", created.plusSeconds(1), null, null)
                .append("respondBy", iso(now.plus(YEAR)))
                .append("remindAt", iso(remindAt));
        Document request =
                request(id, NEWCOMER_PREFIX + "o" + index, "PROPOSED", created, 2, List.of(pending), null, random);
        return withStoreFields(request, created.plusSeconds(1), remindAt);
    }

    /** The newcomer's lock: naming the request while it is open, nothing once it closed. */
    static Document lock(Document request) {
        boolean open = "PROPOSED".equals(request.getString("status"));
        return new Document("_id", request.getString("newcomerId"))
                .append("openRequestId", open ? request.getString("_id") : null)
                .append("activeMatchId", null)
                .append("claimedAt", Date.from(Instant.parse(request.getString("createdAt"))));
    }

    /** An outside mentor's slots, every one held by one of their open proposals. */
    static Document mentorSlots(String mentorId, List<Document> openRequests) {
        List<Document> holds = new ArrayList<>();
        Date changedAt = new Date(0);
        for (Document request : openRequests) {
            Document proposal = request.getList("proposals", Document.class).get(0);
            Date at = Date.from(Instant.parse(proposal.getString("proposedAt")));
            holds.add(new Document("id", proposal.getString("id")).append("at", at));
            changedAt = at.after(changedAt) ? at : changedAt;
        }
        return new Document("_id", mentorId)
                .append("capacity", HOLDS_PER_MENTOR)
                .append("free", HOLDS_PER_MENTOR - holds.size())
                .append("holds", holds)
                .append("changedAt", changedAt);
    }

    /** The notification the request left in an inbox: the mentor's proposal, or the newcomer's withdrawal. */
    static Document notification(Document request) {
        String newcomerId = request.getString("newcomerId");
        List<Document> proposals = request.getList("proposals", Document.class);
        String eventId = UUID.nameUUIDFromBytes(request.getString("_id").getBytes(StandardCharsets.UTF_8))
                .toString();
        Document notification;
        Instant at;
        if (proposals.isEmpty()) {
            at = Instant.parse(request.getString("createdAt")).plus(Duration.ofDays(1));
            notification = inboxEntry(
                            eventId,
                            newcomerId,
                            "REQUEST_WITHDRAWN",
                            "Request withdrawn",
                            "You withdrew your request for a mentor.")
                    .append("requestId", request.getString("_id"))
                    .append("people", List.of(newcomerId));
        } else {
            Document proposal = proposals.get(0);
            String mentorId = proposal.getString("mentorId");
            at = Instant.parse(proposal.getString("proposedAt"));
            notification = inboxEntry(
                            eventId,
                            mentorId,
                            "PROPOSAL_RECEIVED",
                            "New mentor proposal",
                            "You have been proposed as the mentor of a newcomer. Please review the proposal and accept or decline it.")
                    .append("requestId", request.getString("_id"))
                    .append("proposalId", proposal.getString("id"))
                    .append("people", List.of(mentorId, newcomerId));
        }
        notification.put("read", !"PROPOSED".equals(request.getString("status")));
        return notification.append("createdAt", Date.from(at));
    }

    private static Document inboxEntry(String eventId, String recipientId, String type, String title, String body) {
        return new Document("_id", eventId + ".to." + recipientId)
                .append("eventId", eventId)
                .append("type", type)
                .append("title", title)
                .append("body", body)
                .append("recipientId", recipientId)
                .append("read", false);
    }

    /**
     * The indexed fields the store derives on every write: when it was last written, when its timer is next due (the
     * reminder, for a pending proposal; never, once closed), since when it is waitlisted (none here). A store that
     * does not keep them yet ignores them on reading.
     */
    private static Document withStoreFields(Document request, Instant updatedAt, Instant dueAt) {
        return request.append("updatedAt", Date.from(updatedAt))
                .append("dueAt", dueAt == null ? null : Date.from(dueAt))
                .append("waitlistedSince", null);
    }

    private static Document request(
            String id,
            String newcomerId,
            String status,
            Instant created,
            int version,
            List<Document> proposals,
            Document match,
            Random random) {
        List<String> tried =
                proposals.stream().map(p -> p.getString("mentorId")).toList();
        return new Document("_id", id)
                .append("newcomerId", newcomerId)
                .append("status", status)
                .append("note", random.nextInt(4) == 0 ? "Evenings work best for me." : null)
                .append("createdAt", iso(created))
                .append("waitingSince", iso(created))
                .append("version", version)
                .append("proposals", proposals)
                .append("match", match)
                .append(
                        "waitlistReasons",
                        proposals.isEmpty() ? List.of("every compatible mentor is busy right now") : List.of())
                .append("triedMentorIds", tried)
                .append("provenance", List.of(decision(created, proposals.isEmpty() ? null : tried.get(0), random)));
    }

    private static Document proposal(
            String id, String mentorId, String status, Instant proposedAt, Instant decidedAt, String closeReason) {
        Random random = new Random(id.hashCode());
        return new Document("id", id)
                .append("mentorId", mentorId)
                .append("status", status)
                .append("score", 40 + random.nextInt(60))
                .append("reasons", List.of("You both speak English", "Shared lived experience"))
                .append("breakdown", breakdown(random))
                .append("relaxedPreferences", List.of())
                .append("proposedAt", iso(proposedAt))
                .append("respondBy", iso(proposedAt.plus(RESPONSE_DEADLINE)))
                .append("remindAt", iso(proposedAt.plus(RESPONSE_DEADLINE.dividedBy(2))))
                .append(
                        "reminderSent",
                        decidedAt != null && decidedAt.isAfter(proposedAt.plus(RESPONSE_DEADLINE.dividedBy(2))))
                .append("decidedAt", decidedAt == null ? null : iso(decidedAt))
                .append("closeReason", closeReason)
                .append("assignedBy", null);
    }

    /** The engine's decision: the chosen mentor among a few traced candidates, or why nobody was proposed. */
    private static Document decision(Instant at, String chosenMentorId, Random random) {
        List<Document> candidates = new ArrayList<>();
        if (chosenMentorId != null) {
            candidates.add(new Document("mentorId", chosenMentorId)
                    .append("score", 40 + random.nextInt(60))
                    .append("breakdown", breakdown(random))
                    .append("reserved", true));
        }
        Map<String, Integer> removed = new LinkedHashMap<>();
        removed.put("MUST_LANGUAGE", random.nextInt(50));
        removed.put("AT_CAPACITY", random.nextInt(500));
        return new Document("at", iso(at))
                .append("outcome", chosenMentorId == null ? "WAITLISTED" : "PROPOSED")
                .append("engineVersion", ENGINE_VERSION)
                .append("candidates", candidates)
                .append("removedByFilter", new Document(removed))
                .append(
                        "blockingReasons",
                        chosenMentorId == null ? List.of("every compatible mentor is busy right now") : List.of())
                .append("actor", "engine")
                .append("note", null);
    }

    private static Document breakdown(Random random) {
        Document breakdown = new Document();
        for (String criterion : CRITERIA) {
            breakdown.append(criterion, random.nextInt(20));
        }
        return breakdown;
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
