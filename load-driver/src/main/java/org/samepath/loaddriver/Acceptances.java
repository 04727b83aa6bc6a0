package org.samepath.loaddriver;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The mentor side of the sampled requests: as soon as the proposal reaches the mentor's stream, the mentor accepts
 * it (a real mentor takes longer; the driver measures the system, not the person), and the time from that answer to
 * the newcomer's "match started" notification is measured.
 */
final class Acceptances {

    private final StackApi api;
    private final Ledger ledger;
    private final Map<String, String> mentorTokens;
    private final Set<String> waitingNewcomers = ConcurrentHashMap.newKeySet();

    Acceptances(StackApi api, Ledger ledger, Map<String, String> mentorTokens) {
        this.api = api;
        this.ledger = ledger;
        this.mentorTokens = mentorTokens;
        ledger.onProposal(this::proposed);
    }

    /** The next proposal for this newcomer is to be accepted. */
    void sample(String newcomerId) {
        waitingNewcomers.add(newcomerId);
    }

    private void proposed(String mentorId, JsonNode notification) {
        String newcomerId = null;
        for (JsonNode person : notification.path("people")) {
            if (!person.asString().equals(mentorId)) {
                newcomerId = person.asString();
            }
        }
        if (newcomerId == null || !waitingNewcomers.remove(newcomerId)) {
            return;
        }
        Ledger.Sighting sighting =
                ledger.sighting(notification.path("requestId").asString());
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
