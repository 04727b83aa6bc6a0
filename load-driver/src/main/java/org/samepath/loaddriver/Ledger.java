package org.samepath.loaddriver;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * What the streams saw, by match request: when the proposal reached the mentor, when a waitlist alert reached the
 * coordinator, when the match start reached the newcomer. Counts duplicates two ways: the same notification id
 * twice on one person's stream, and the same effect twice for one person (two different notifications for one
 * proposal or one match), which is what a redelivered event without idempotency would cause.
 */
final class Ledger implements InboxStreams.Listener {

    static final String PROPOSAL_RECEIVED = "PROPOSAL_RECEIVED";
    static final String MATCH_STARTED = "MATCH_STARTED";
    static final String WAITLIST_ALERT = "WAITLIST_ALERT";

    /** One request as the streams saw it; times are {@link System#nanoTime()}, 0 for not yet. */
    static final class Sighting {
        volatile long proposalArrived;
        /** The proposal notification's {@code createdAt}: when notification-service stored it. */
        volatile Instant proposalStored;

        volatile String proposalId;
        volatile String mentorId;
        volatile long waitlistAlertArrived;
        volatile long matchStartedArrived;
        /** The match the accepted proposal started, as its match-started notification named it. */
        volatile String matchId;

        volatile long acceptSent;
        volatile long acceptReturned;
        volatile int acceptStatus;
    }

    private final Map<String, Sighting> byRequest = new ConcurrentHashMap<>();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final Set<String> seenEffects = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> byType = new ConcurrentHashMap<>();
    private final AtomicInteger duplicateIds = new AtomicInteger();
    private final AtomicInteger duplicateEffects = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> duplicateExamples = new ConcurrentLinkedQueue<>();
    private volatile BiConsumer<String, JsonNode> onProposal = (mentorId, notification) -> {};

    /** Called (on a stream thread) with the mentor id and the notification when a proposal first arrives. */
    void onProposal(BiConsumer<String, JsonNode> action) {
        this.onProposal = action;
    }

    Sighting sighting(String requestId) {
        return byRequest.computeIfAbsent(requestId, id -> new Sighting());
    }

    Sighting find(String requestId) {
        return byRequest.get(requestId);
    }

    @Override
    public void onNotification(String owner, JsonNode notification, long arrived) {
        String id = text(notification, "id");
        String type = text(notification, "type");
        byType.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (!seenIds.add(owner + "|" + id)) {
            duplicateIds.incrementAndGet();
            example("notification " + id + " twice to " + owner);
            return;
        }
        String requestId = text(notification, "requestId");
        if (PROPOSAL_RECEIVED.equals(type) && once(owner, type, text(notification, "proposalId"))) {
            Sighting sighting = sighting(requestId);
            if (sighting.proposalArrived == 0) {
                sighting.mentorId = owner;
                sighting.proposalId = text(notification, "proposalId");
                sighting.proposalStored = instant(notification.get("createdAt"));
                sighting.proposalArrived = arrived;
                onProposal.accept(owner, notification);
            }
        } else if (MATCH_STARTED.equals(type) && once(owner, type, text(notification, "matchId"))) {
            Sighting sighting = sighting(requestId);
            if (sighting.matchId == null) {
                sighting.matchId = text(notification, "matchId");
            }
            boolean toNewcomer = !owner.equals(sighting.mentorId);
            if (toNewcomer && sighting.matchStartedArrived == 0) {
                sighting.matchStartedArrived = arrived;
            }
        } else if (WAITLIST_ALERT.equals(type) && requestId != null) {
            Sighting sighting = sighting(requestId);
            if (sighting.waitlistAlertArrived == 0) {
                sighting.waitlistAlertArrived = arrived;
            }
        }
    }

    int duplicateIds() {
        return duplicateIds.get();
    }

    int duplicateEffects() {
        return duplicateEffects.get();
    }

    Iterable<String> duplicateExamples() {
        return duplicateExamples;
    }

    Map<String, Integer> countsByType() {
        Map<String, Integer> counts = new TreeMap<>();
        byType.forEach((type, count) -> counts.put(type, count.get()));
        return counts;
    }

    private boolean once(String owner, String type, String key) {
        if (key == null || seenEffects.add(owner + "|" + type + "|" + key)) {
            return true;
        }
        duplicateEffects.incrementAndGet();
        example(type + " for " + key + " twice to " + owner);
        return false;
    }

    private void example(String what) {
        if (duplicateExamples.size() < 5) {
            duplicateExamples.add(what);
        }
    }

    /** ISO-8601 text, or seconds since the epoch with a fraction (Jackson's numeric form); null if neither. */
    static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isNumber()) {
                BigDecimal seconds = value.decimalValue();
                return Instant.ofEpochSecond(
                        seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            return Instant.parse(value.asString());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
