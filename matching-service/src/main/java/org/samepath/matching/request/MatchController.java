package org.samepath.matching.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.samepath.matching.request.RequestViews.MatchView;
import org.samepath.platform.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/matches")
class MatchController {

    private final MatchEndings endings;

    MatchController(MatchEndings endings) {
        this.endings = endings;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR', 'COORDINATOR')")
    List<MatchView> list(Authentication caller) {
        String personId = MatchRequestController.isCoordinator(caller) ? null : caller.getName();
        return endings.matchesOf(personId).stream()
                .map(request -> MatchView.of(request, request.match()))
                .toList();
    }

    /** Either party or a coordinator ends a match; a newcomer may ask for a different mentor at once. */
    @PostMapping("/{id}/end")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR', 'COORDINATOR')")
    MatchView end(@PathVariable String id, @Valid @RequestBody Ending body, Authentication caller) {
        boolean coordinator = MatchRequestController.isCoordinator(caller);
        String role = Roles.primary(caller);
        MatchRequest request =
                endings.end(id, coordinator ? null : caller.getName(), role, body.reason(), body.wantsRematch());
        return MatchView.of(request, request.match());
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize("hasRole('COORDINATOR')")
    MatchView pause(@PathVariable String id, Authentication caller) {
        MatchRequest request = endings.pause(id, caller.getName());
        return MatchView.of(request, request.match());
    }

    /** {@code rematch} (a newcomer's "not a good fit") is optional. */
    record Ending(@NotBlank @Size(max = 500) String reason, Boolean rematch) {

        boolean wantsRematch() {
            return Boolean.TRUE.equals(rematch);
        }
    }
}
