package org.samepath.matching.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.RequestViews.ProposalView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/proposals")
class ProposalController {

    private final ProposalResponses responses;
    private final MatchablePeople people;

    ProposalController(ProposalResponses responses, MatchablePeople people) {
        this.responses = responses;
        this.people = people;
    }

    /** The mentor's pending proposals, each with what the newcomer shares (MATCH_AND_SHARE only). */
    @GetMapping
    @PreAuthorize("hasRole('MENTOR')")
    List<PendingProposal> pending(Authentication caller) {
        return responses.pendingFor(caller.getName()).stream()
                .map(request -> {
                    var proposal = request.pendingProposal().orElseThrow();
                    return new PendingProposal(
                            ProposalView.forMentor(request, proposal), sharedBy(request.newcomerId()));
                })
                .toList();
    }

    @PostMapping("/{id}/accept")
    @PreAuthorize("hasRole('MENTOR')")
    ProposalView accept(@PathVariable String id, Authentication caller) {
        MatchRequest request = responses.accept(caller.getName(), id);
        return ProposalView.forMentor(request, request.proposal(id).orElseThrow());
    }

    @PostMapping("/{id}/decline")
    @PreAuthorize("hasRole('MENTOR')")
    ProposalView decline(@PathVariable String id, @Valid @RequestBody Decline body, Authentication caller) {
        MatchRequest request = responses.decline(caller.getName(), id, body.reason());
        return ProposalView.forMentor(request, request.proposal(id).orElseThrow());
    }

    private Map<String, Object> sharedBy(String newcomerId) {
        return people.find(newcomerId).map(ProposalController::shareable).orElse(Map.of());
    }

    /** Progressive disclosure: with a proposal, a mentor sees shareable tags; contact only after accepting. */
    static Map<String, Object> shareable(Document person) {
        return Map.of(
                "languages", person.getList("languages", String.class, List.of()),
                "recoveryPathways", person.getList("recoveryPathways", String.class, List.of()),
                "livedExperience", sharedTags(person, "livedExperience"),
                "identities", sharedTags(person, "identities"));
    }

    private static List<String> sharedTags(Document person, String field) {
        return person.getList(field, Document.class, List.of()).stream()
                .filter(tag -> "MATCH_AND_SHARE".equals(tag.getString("consent")))
                .map(tag -> tag.getString("tag"))
                .toList();
    }

    record PendingProposal(ProposalView proposal, Map<String, Object> newcomerShares) {}

    record Decline(@NotBlank @Size(max = 500) String reason) {}
}
