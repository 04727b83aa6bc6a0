package org.samepath.loaddriver;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The mentor side of the sampled requests: as soon as the proposal reaches the mentor's stream, the mentor accepts
 * it (a real mentor takes longer; the driver measures the system, not the person), and the time from that answer to
 * the newcomer's "match started" notification is measured.
 *
 * <p>Newcomers are reused, so a proposal is accepted only for the send it belongs to: the newcomer's current sampled
 * send, never a request of theirs the driver has already closed (a waitlisted request proposed just before its
 * withdrawal can announce that proposal after the newcomer asked again).
 */
final class Acceptances {

    private final StackApi api;
    private final Ledger ledger;
    private final Map<String, String> mentorTokens;
    private final Map<String, RequestRecord> sampledSends = new ConcurrentHashMap<>();
    private final Set<String> closedRequests = ConcurrentHashMap.newKeySet();

    Acceptances(StackApi api, Ledger ledger, Map<String, String> mentorTokens) {
        this.api = api;
        this.ledger = ledger;
        this.mentorTokens = mentorTokens;
        ledger.onProposal(this::proposed);
    }

    /** The proposal for this send, of this newcomer, is to be accepted; called before the send. */
    void sample(String newcomerId, RequestRecord send) {
        sampledSends.put(newcomerId, send);
    }

    /** The newcomer's send is over (not sent, or what it started is closed): nothing more of it is accepted. */
    void forget(String newcomerId, RequestRecord send) {
        sampledSends.remove(newcomerId, send);
    }

    /** The driver withdrew this request or ended its match: a proposal of it that arrives late is not accepted. */
    void closed(String requestId) {
        closedRequests.add(requestId);
    }

    private void proposed(String mentorId, JsonNode notification) {
        String newcomerId = null;
        for (JsonNode person : notification.path("people")) {
            if (!person.asString().equals(mentorId)) {
                newcomerId = person.asString();
            }
        }
        String requestId = notification.path("requestId").asString();
        if (newcomerId == null || closedRequests.contains(requestId)) {
            return;
        }
        RequestRecord send = sampledSends.get(newcomerId);
        // Before the POST's answer is recorded the request id is not known yet; an earlier request would be closed.
        String sentFor = send == null ? null : send.requestId;
        if (send == null || (sentFor != null && !sentFor.equals(requestId)) || !sampledSends.remove(newcomerId, send)) {
            return;
        }
        Ledger.Sighting sighting = ledger.sighting(requestId);
        sighting.acceptSent = System.nanoTime();
        api.acceptProposal(
                        mentorTokens.get(mentorId),
                        notification.path("proposalId").asString())
                .whenComplete((reply, error) -> {
                    sighting.acceptStatus = reply == null ? -1 : reply.status();
                    sighting.acceptReturned = System.nanoTime();
                });
    }
}
