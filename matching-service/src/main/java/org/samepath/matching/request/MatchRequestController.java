package org.samepath.matching.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.RequestViews.ProvenanceView;
import org.samepath.matching.request.RequestViews.RequestView;
import org.samepath.platform.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/match-requests")
class MatchRequestController {

    private final RequestIntake intake;
    private final MatchRequestStore store;

    MatchRequestController(RequestIntake intake, MatchRequestStore store) {
        this.intake = intake;
        this.store = store;
    }

    /** A newcomer asks for a mentor; the search runs at once and the answer says where it stands. */
    @PostMapping
    @PreAuthorize("hasRole('NEWCOMER')")
    ResponseEntity<Map<String, String>> submit(
            @Valid @RequestBody(required = false) NewRequest body, Authentication caller) {
        MatchRequest request = intake.submit(caller.getName(), body == null ? null : body.note());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("id", request.id(), "status", request.status().name()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'COORDINATOR')")
    RequestView get(@PathVariable String id, Authentication caller) {
        return RequestView.of(visible(id, caller));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('NEWCOMER', 'COORDINATOR')")
    List<RequestView> list(@RequestParam Optional<Status> status, Authentication caller) {
        var filter = isCoordinator(caller)
                ? status.map(s -> com.mongodb.client.model.Filters.eq("status", s.name()))
                        .orElse(new org.bson.Document())
                : com.mongodb.client.model.Filters.eq("newcomerId", caller.getName());
        return store.findAll(filter).stream()
                .filter(r -> status.isEmpty() || r.status() == status.get())
                .sorted(Comparator.comparing(MatchRequest::createdAt).reversed())
                .map(RequestView::of)
                .toList();
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasRole('NEWCOMER')")
    RequestView withdraw(@PathVariable String id, Authentication caller) {
        return RequestView.of(intake.withdraw(caller.getName(), id));
    }

    @GetMapping("/{id}/provenance")
    @PreAuthorize("hasRole('COORDINATOR')")
    ProvenanceView provenance(@PathVariable String id) {
        MatchRequest request = store.find(id).orElseThrow(MatchRequestController::notFound);
        return new ProvenanceView(
                request.id(), request.newcomerId(), request.status().name(), request.provenance());
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasRole('COORDINATOR')")
    RequestView assign(@PathVariable String id, @Valid @RequestBody Assignment body, Authentication caller) {
        return RequestView.of(intake.assign(id, body.mentorId(), body.overrides(), body.reason(), caller.getName()));
    }

    private MatchRequest visible(String id, Authentication caller) {
        return store.find(id)
                .filter(r -> isCoordinator(caller) || r.newcomerId().equals(caller.getName()))
                .orElseThrow(MatchRequestController::notFound);
    }

    static boolean isCoordinator(Authentication caller) {
        return Roles.has(caller, Roles.COORDINATOR);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request.");
    }

    record NewRequest(@Size(max = 500) String note) {}

    record Assignment(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String mentorId,
            Boolean override,
            @Size(max = 500) String reason) {

        boolean overrides() {
            return Boolean.TRUE.equals(override);
        }
    }
}
