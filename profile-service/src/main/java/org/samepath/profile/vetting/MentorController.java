package org.samepath.profile.vetting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.profile.audit.Actor;
import org.samepath.profile.profile.ProfileManagement;
import org.samepath.profile.profile.ProfileView;
import org.samepath.profile.profile.ProfileViews;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mentor vetting by coordinators (approve, suspend, reinstate) and hiatus by mentors themselves (pause, resume).
 * Each is a status transition that publishes a new snapshot, so matching follows it, and is audited.
 */
@RestController
@RequestMapping("/api/v1/mentors")
class MentorController {

    private final ProfileManagement profiles;

    MentorController(ProfileManagement profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    List<MentorSummary> list(@RequestParam Optional<ProfileStatus> status) {
        return profiles.mentors(status).stream().map(MentorSummary::of).toList();
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('COORDINATOR')")
    ProfileView approve(
            @PathVariable String id, @Valid @RequestBody(required = false) Reason reason, Authentication caller) {
        return ProfileViews.coordinator(profiles.changeMentorStatus(
                id,
                Set.of(ProfileStatus.PENDING_APPROVAL),
                ProfileStatus.APPROVED,
                Actor.of(caller),
                "MENTOR_APPROVED"));
    }

    @PostMapping("/{id}/suspend")
    @PreAuthorize("hasRole('COORDINATOR')")
    ProfileView suspend(
            @PathVariable String id, @Valid @RequestBody(required = false) Reason reason, Authentication caller) {
        return ProfileViews.coordinator(profiles.changeMentorStatus(
                id,
                Set.of(ProfileStatus.PENDING_APPROVAL, ProfileStatus.APPROVED, ProfileStatus.PAUSED),
                ProfileStatus.SUSPENDED,
                Actor.of(caller),
                "MENTOR_SUSPENDED"));
    }

    @PostMapping("/{id}/reinstate")
    @PreAuthorize("hasRole('COORDINATOR')")
    ProfileView reinstate(
            @PathVariable String id, @Valid @RequestBody(required = false) Reason reason, Authentication caller) {
        return ProfileViews.coordinator(profiles.changeMentorStatus(
                id, Set.of(ProfileStatus.SUSPENDED), ProfileStatus.APPROVED, Actor.of(caller), "MENTOR_REINSTATED"));
    }

    @PostMapping("/me/pause")
    @PreAuthorize("hasRole('MENTOR')")
    ProfileView pause(Authentication caller) {
        return ProfileViews.full(profiles.changeMentorStatus(
                caller.getName(),
                Set.of(ProfileStatus.APPROVED),
                ProfileStatus.PAUSED,
                new Actor(caller.getName(), "MENTOR"),
                "MENTOR_PAUSED"));
    }

    @PostMapping("/me/resume")
    @PreAuthorize("hasRole('MENTOR')")
    ProfileView resume(Authentication caller) {
        return ProfileViews.full(profiles.changeMentorStatus(
                caller.getName(),
                Set.of(ProfileStatus.PAUSED),
                ProfileStatus.APPROVED,
                new Actor(caller.getName(), "MENTOR"),
                "MENTOR_RESUMED"));
    }

    /**
     * Why a coordinator acted. Kept out of the audit trail and the events: free text may be sensitive. It is accepted
     * so the API is stable when a reviewed notes feature arrives.
     */
    record Reason(@Size(max = 500) String reason) {}

    record MentorSummary(
            String id,
            String displayName,
            String status,
            LocalDate recoverySince,
            Integer capacity,
            List<String> languages) {

        static MentorSummary of(Document mentor) {
            String since = mentor.getString("recoverySince");
            return new MentorSummary(
                    mentor.getString("_id"),
                    mentor.getString("displayName"),
                    mentor.getString("status"),
                    since == null ? null : LocalDate.parse(since),
                    mentor.getInteger("capacity"),
                    mentor.getList("languages", String.class, List.of()));
        }
    }
}
