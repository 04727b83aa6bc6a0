package org.samepath.loaddriver;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** Asks the services, through their APIs, what became of each request the streams did not account for. */
final class Reconciler {

    private final LoadRun.Context context;

    Reconciler(LoadRun.Context context) {
        this.context = context;
    }

    private enum Outcome {
        WAITLIST_ALERT_NOT_STREAMED,
        PROPOSAL_NOT_STREAMED,
        MATCH_START_NOT_STREAMED,
        LOST
    }

    private record Explained(Outcome outcome, String description) {}

    Reconciliation reconcile(List<RequestRecord> records, int late) {
        BoundedAsync inFlight = new BoundedAsync(16);
        List<CompletableFuture<Explained>> explanations = new ArrayList<>();
        for (RequestRecord record : records) {
            if (record.accepted() && !LoadRun.settled(context, record)) {
                explanations.add(inFlight.submit(() -> explain(record)));
            }
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<String> examples = new ArrayList<>();
        for (CompletableFuture<Explained> explanation : explanations) {
            Explained explained = explanation.join();
            counts.merge(explained.outcome(), 1, Integer::sum);
            if (examples.size() < 5) {
                examples.add(explained.description());
            }
        }
        return new Reconciliation(
                late,
                counts.getOrDefault(Outcome.WAITLIST_ALERT_NOT_STREAMED, 0),
                counts.getOrDefault(Outcome.PROPOSAL_NOT_STREAMED, 0),
                counts.getOrDefault(Outcome.MATCH_START_NOT_STREAMED, 0),
                counts.getOrDefault(Outcome.LOST, 0),
                examples);
    }

    /** Asks the services what became of a request the streams did not account for. */
    private CompletableFuture<Explained> explain(RequestRecord record) {
        String id = record.requestId;
        String newcomerToken = context.seeded().newcomerTokens()[record.newcomerIndex];
        Ledger.Sighting sighting = context.ledger().find(id);
        if (sighting != null && sighting.proposalArrived != 0) {
            return inboxHas(newcomerToken, Ledger.MATCH_STARTED, id)
                    .thenApply(found -> found
                            ? new Explained(Outcome.MATCH_START_NOT_STREAMED, id + ": match start not streamed")
                            : new Explained(Outcome.LOST, id + ": accepted, but the newcomer was never told"));
        }
        return context.api().matchRequest(newcomerToken, id).thenCompose(reply -> {
            JsonNode request = reply.json();
            String status = request.path("status").asString();
            String mentorId = request.path("currentProposal").path("mentorId").asString(null);
            if ("WAITLISTED".equals(status)) {
                return CompletableFuture.completedFuture(
                        new Explained(Outcome.WAITLIST_ALERT_NOT_STREAMED, id + ": waitlisted, alert not streamed"));
            }
            if (mentorId == null) {
                return CompletableFuture.completedFuture(
                        new Explained(Outcome.LOST, id + ": lost, request " + status + " without a proposal"));
            }
            if (!context.mentorTokens().containsKey(mentorId)) {
                return CompletableFuture.completedFuture(new Explained(
                        Outcome.LOST, id + ": proposed to " + mentorId + ", a mentor this run did not create"));
            }
            return inboxHas(context.mentorTokens().get(mentorId), Ledger.PROPOSAL_RECEIVED, id)
                    .thenApply(found -> found
                            ? new Explained(
                                    Outcome.PROPOSAL_NOT_STREAMED,
                                    id + ": proposal to " + mentorId + " in the inbox, not streamed")
                            : new Explained(
                                    Outcome.LOST,
                                    id + ": lost, request " + status + " proposed to " + mentorId
                                            + " who was never told"));
        });
    }

    private CompletableFuture<Boolean> inboxHas(String token, String type, String requestId) {
        if (token == null) {
            return CompletableFuture.completedFuture(false);
        }
        return context.api().inbox(token).thenApply(reply -> {
            for (JsonNode item : reply.json().path("items")) {
                if (type.equals(item.path("type").asString())
                        && requestId.equals(item.path("requestId").asString())) {
                    return true;
                }
            }
            return false;
        });
    }
}
