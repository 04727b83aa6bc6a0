package org.samepath.loaddriver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * A {@code POST} the driver gave up on is not necessarily a request the stack dropped: the server may have gone on
 * and created it after the driver stopped listening. After the drain, each newcomer whose {@code POST} got no answer
 * lists their own requests (as the app would, {@code GET /api/v1/match-requests}); a request the driver was never
 * told of, created after that {@code POST} was sent, was acted on later. None means lost.
 */
final class UnansweredPosts {

    /** Created a little before the send by the stack's clock is still this send's request. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    /** What became of the POSTs that got no answer in time. */
    record FollowUp(
            int unanswered, int actedOnLater, int lost, Map<String, Integer> laterStatuses, List<String> lostExamples) {

        static FollowUp none() {
            return new FollowUp(0, 0, 0, Map.of(), List.of());
        }
    }

    private record Found(RequestRecord record, JsonNode request) {}

    private final StackApi api;
    private final String[] newcomerTokens;
    private final WallClock clock;

    UnansweredPosts(StackApi api, String[] newcomerTokens, WallClock clock) {
        this.api = api;
        this.newcomerTokens = newcomerTokens;
        this.clock = clock;
    }

    /**
     * Follows up every POST that was sent and got no HTTP answer; {@code known} are the request ids the driver was
     * told of (in any run), which cannot be this POST's. Sets {@link RequestRecord#lateRequestId} of those found.
     */
    FollowUp followUp(List<RequestRecord> records, Set<String> known) {
        BoundedAsync inFlight = new BoundedAsync(16);
        List<CompletableFuture<Found>> lookups = new ArrayList<>();
        for (RequestRecord record : records) {
            if (record.unanswered() && record.requestId != null) {
                // Answered 202 after the driver stopped waiting: acted on, and the answer says which request.
                lookups.add(CompletableFuture.completedFuture(new Found(record, answered(record))));
            } else if (record.unanswered()) {
                Instant notBefore = clock.instantOfNanoTime(record.sent).minus(CLOCK_SLACK);
                lookups.add(inFlight.submit(() -> api.newcomerRequests(newcomerTokens[record.newcomerIndex])
                        .thenApply(
                                reply -> new Found(record, reply.ok() ? actedOn(reply.json(), known, notBefore) : null))
                        .exceptionally(error -> new Found(record, null))));
            }
        }
        int acted = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> lostExamples = new ArrayList<>();
        for (CompletableFuture<Found> lookup : lookups) {
            Found found = lookup.join();
            if (found.request() == null) {
                if (lostExamples.size() < 5) {
                    lostExamples.add("POST at " + clock.instantOfNanoTime(found.record().sent) + " ("
                            + found.record().failure + "): no request found");
                }
                continue;
            }
            acted++;
            found.record().lateRequestId = found.request().path("id").asString();
            statuses.merge(found.request().path("status").asString(), 1, Integer::sum);
        }
        return new FollowUp(lookups.size(), acted, lookups.size() - acted, statuses, lostExamples);
    }

    private static JsonNode answered(RequestRecord record) {
        return StackApi.JSON.createObjectNode().put("id", record.requestId).put("status", record.initialStatus);
    }

    /** Among a newcomer's requests, the one this POST made: unknown to the driver and created after it was sent. */
    static JsonNode actedOn(JsonNode requests, Set<String> known, Instant notBefore) {
        for (JsonNode request : requests) {
            String id = request.path("id").asString(null);
            Instant created = Ledger.instant(request.get("createdAt"));
            if (id != null && !known.contains(id) && (created == null || !created.isBefore(notBefore))) {
                return request;
            }
        }
        return null;
    }
}
