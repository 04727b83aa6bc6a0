package org.samepath.profile.profile;

import jakarta.validation.Valid;
import java.util.List;
import org.bson.Document;
import org.samepath.contracts.profile.Role;
import org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException;
import org.samepath.profile.access.ViewingGrants;
import org.samepath.profile.access.ViewingGrants.Level;
import org.samepath.profile.audit.Actor;
import org.samepath.profile.audit.AuditEntry;
import org.samepath.profile.safety.SafetyDesk;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/profiles")
class ProfileController {

    private final ProfileManagement profiles;
    private final ViewingGrants grants;
    private final SafetyDesk safety;

    ProfileController(ProfileManagement profiles, ViewingGrants grants, SafetyDesk safety) {
        this.profiles = profiles;
        this.grants = grants;
        this.safety = safety;
    }

    /** Creates or replaces one's own profile. The role in the body must be one the caller's token carries. */
    @PutMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    ResponseEntity<ProfileView> putMine(@Valid @RequestBody ProfileRequest request, Authentication caller) {
        if (!Actor.hasRole(caller, request.role().name())) {
            throw new InvalidFieldException("role", "must be a role your sign-in carries");
        }
        ProfileManagement.SavedProfile saved =
                profiles.save(new Actor(caller.getName(), request.role().name()), request);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ProfileViews.full(saved.profile()));
    }

    @GetMapping("/me")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    ProfileView getMine(Authentication caller) {
        return profiles.find(caller.getName()).map(ProfileViews::full).orElseThrow(ProfileController::notFound);
    }

    /** Erasure, propagated to every service. */
    @DeleteMapping("/me")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    ResponseEntity<Void> eraseMine(Authentication caller) {
        if (!profiles.erase(caller.getName())) {
            throw notFound();
        }
        grants.forget(caller.getName());
        safety.forget(caller.getName());
        return ResponseEntity.noContent().build();
    }

    /**
     * Self sees everything, a coordinator everything their owner lets be shown, a mentor with a proposal or match
     * the shareable view; to everyone else the profile does not exist.
     */
    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    Object get(@PathVariable String id, Authentication caller) {
        Document profile = profiles.find(id).orElseThrow(ProfileController::notFound);
        if (caller.getName().equals(id)) {
            return ProfileViews.full(profile);
        }
        if (Actor.hasRole(caller, "COORDINATOR")) {
            return ProfileViews.coordinator(profile);
        }
        if (Actor.hasRole(caller, "MENTOR") && ProfileDocuments.role(profile) == Role.NEWCOMER) {
            return grants.levelOf(caller.getName(), id)
                    .map(level -> ProfileViews.shareable(profile, level == Level.MATCH))
                    .orElseThrow(ProfileController::notFound);
        }
        throw notFound();
    }

    /** Who changed this profile, when, and which fields: never the values. */
    @GetMapping("/{id}/audit")
    @PreAuthorize("hasRole('COORDINATOR')")
    List<AuditEntry> audit(@PathVariable String id) {
        return profiles.audit(id);
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such profile.");
    }
}
