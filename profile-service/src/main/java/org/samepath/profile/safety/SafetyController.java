package org.samepath.profile.safety;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.samepath.profile.safety.SafetyProperties.CrisisResource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SafetyController {

    private final SafetyDesk desk;
    private final SafetyProperties properties;

    SafetyController(SafetyDesk desk, SafetyProperties properties) {
        this.desk = desk;
        this.properties = properties;
    }

    /**
     * "I need support now": coordinators are alerted (mentors are not: peers are not crisis responders), and the
     * answer carries the crisis resources at once, before any person has seen the alert.
     */
    @PostMapping("/api/v1/support-requests")
    @PreAuthorize("hasRole('NEWCOMER')")
    @ResponseStatus(HttpStatus.CREATED)
    SupportResponse requestSupport(Authentication caller) {
        String id = desk.requestSupport(caller.getName());
        return new SupportResponse(
                id,
                "A coordinator has been alerted and will reach out. If you are in danger or thinking about suicide,"
                        + " contact a crisis line now:",
                properties.crisisResources());
    }

    /** Report and block: the pair is never proposed again and a coordinator is alerted. */
    @PostMapping("/api/v1/reports")
    @PreAuthorize("hasAnyRole('NEWCOMER', 'MENTOR')")
    @ResponseStatus(HttpStatus.CREATED)
    ReportResponse report(@Valid @RequestBody ReportRequest request, Authentication caller) {
        String id = desk.report(
                caller.getName(), request.subjectId(), request.reason(), Boolean.TRUE.equals(request.rematch()));
        return new ReportResponse(id, "Thank you. You will not be paired again, and a coordinator has been alerted.");
    }

    record SupportResponse(String id, String message, List<CrisisResource> crisisResources) {}

    record ReportRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String subjectId,
            @NotBlank @Size(max = 2000) String reason,
            Boolean rematch) {}

    record ReportResponse(String id, String message) {}
}
