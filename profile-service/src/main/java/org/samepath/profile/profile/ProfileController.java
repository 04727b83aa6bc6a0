package org.samepath.profile.profile;

import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
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

    ProfileController(ProfileManagement profiles) {
        this.profiles = profiles;
    }

    /** Creates or replaces one's own profile. The role in the body must be one the caller's token carries. */
    @PutMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    ResponseEntity<ProfileView> putMine(@Valid @RequestBody ProfileRequest request, Authentication caller) {
        if (!hasRole(caller, request.role().name())) {
            throw new org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException(
                    "role", "must be a role your sign-in carries");
        }
        ProfileManagement.SavedProfile saved = profiles.save(caller.getName(), request);
        return saved.created() ? ResponseEntity.status(201).body(saved.profile()) : ResponseEntity.ok(saved.profile());
    }

    @GetMapping("/me")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    ProfileView getMine(Authentication caller) {
        return profiles.find(caller.getName()).orElseThrow(ProfileController::notFound);
    }

    /** Self and coordinators see the whole profile; to everyone else it does not exist. */
    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    ProfileView get(@PathVariable String id, Authentication caller) {
        boolean allowed = caller.getName().equals(id) || hasRole(caller, "COORDINATOR");
        if (!allowed) {
            throw notFound();
        }
        return profiles.find(id).orElseThrow(ProfileController::notFound);
    }

    private static boolean hasRole(Authentication caller, String role) {
        return caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No such profile.");
    }
}
