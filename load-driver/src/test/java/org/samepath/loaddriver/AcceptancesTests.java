package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Newcomers are reused: a proposal is accepted only for the send it belongs to (no accept is sent here). */
class AcceptancesTests {

    @Test
    void aProposalOfAnotherRequestOfTheSampledNewcomerIsNotAccepted() {
        try (StackApi api = new StackApi(DriverOptions.parse())) {
            Ledger ledger = new Ledger();
            Acceptances acceptances = new Acceptances(api, ledger, Map.of("m-1", "token"));
            RequestRecord send = new RequestRecord(0, true, true);
            send.requestId = "r-2";
            acceptances.sample("n-0", send);

            ledger.onNotification("m-1", proposal("r-1"), 5);

            assertThat(ledger.find("r-1").acceptSent).isZero();
        }
    }

    @Test
    void aLateProposalOfARequestTheDriverClosedIsNotAcceptedForTheNewcomersNextSend() {
        try (StackApi api = new StackApi(DriverOptions.parse())) {
            Ledger ledger = new Ledger();
            Acceptances acceptances = new Acceptances(api, ledger, Map.of("m-1", "token"));
            acceptances.closed("r-1");
            // The next send's POST is not answered yet: its request id is unknown.
            acceptances.sample("n-0", new RequestRecord(0, true, true));

            ledger.onNotification("m-1", proposal("r-1"), 5);

            assertThat(ledger.find("r-1").acceptSent).isZero();
        }
    }

    private static JsonNode proposal(String requestId) {
        return StackApi.JSON.readTree(
                """
                {"id": "n-%1$s", "type": "PROPOSAL_RECEIVED", "requestId": "%1$s", "proposalId": "%1$s-p1",
                 "people": ["m-1", "n-0"]}
                """
                        .formatted(requestId));
    }
}
