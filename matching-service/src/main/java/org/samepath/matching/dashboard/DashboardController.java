package org.samepath.matching.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.samepath.matching.dashboard.Alerts.Alert;
import org.samepath.matching.dashboard.AssignmentOptions.Option;
import org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The coordinator dashboard's data and actions. Called by the dashboard page (signed-in session) and equally by any
 * coordinator's client with a bearer token. Hand assignment and pausing a match are the match journey's own endpoints
 * ({@code /api/v1/match-requests/{id}/assign}, {@code /api/v1/matches/{id}/pause}).
 */
@RestController
@PreAuthorize("hasRole('COORDINATOR')")
class DashboardController {

    private static final String ID = "[A-Za-z0-9_-]{1,100}";

    private final DashboardQueries queries;
    private final DashboardStream stream;
    private final Alerts alerts;
    private final AssignmentOptions assignmentOptions;
    private final MentorApprovals approvals;

    DashboardController(
            DashboardQueries queries,
            DashboardStream stream,
            Alerts alerts,
            AssignmentOptions assignmentOptions,
            MentorApprovals approvals) {
        this.queries = queries;
        this.stream = stream;
        this.alerts = alerts;
        this.assignmentOptions = assignmentOptions;
        this.approvals = approvals;
    }

    /** @param window {@code 1h}, {@code 24h} (default), {@code 7d} or {@code 30d} */
    @GetMapping("/api/v1/dashboard")
    DashboardSnapshot snapshot(@RequestParam(required = false) String window) {
        return queries.snapshot(DashboardWindow.parse(window));
    }

    /** The same snapshot, pushed every couple of seconds as {@code snapshot} events. */
    @GetMapping(path = "/api/v1/dashboard/stream", produces = "text/event-stream")
    SseEmitter watch(@RequestParam(required = false) String window) {
        return stream.watch(DashboardWindow.parse(window));
    }

    @GetMapping("/api/v1/alerts")
    List<Alert> alerts() {
        return alerts.recent(DashboardQueries.ACKNOWLEDGED_ALERTS_SHOWN);
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Alert acknowledge(
            @PathVariable String id,
            @Valid @RequestBody(required = false) Acknowledgement body,
            Authentication coordinator) {
        requireId("id", id);
        Alert acknowledged = alerts.acknowledge(id, coordinator.getName(), body == null ? null : body.note());
        queries.invalidate();
        return acknowledged;
    }

    /** @param mentorId judge only this mentor (the coordinator has someone in mind) */
    @GetMapping("/api/v1/match-requests/{id}/assignment-options")
    List<Option> assignmentOptions(@PathVariable String id, @RequestParam(required = false) String mentorId) {
        requireId("id", id);
        if (mentorId != null) {
            requireId("mentorId", mentorId);
            return List.of(assignmentOptions.forRequestAndMentor(id, mentorId));
        }
        return assignmentOptions.forRequest(id);
    }

    @PostMapping("/api/v1/dashboard/mentors/{id}/approve")
    ResponseEntity<String> approve(@PathVariable String id, Authentication coordinator, HttpServletRequest request) {
        requireId("id", id);
        return approvals.approve(id, coordinator, request);
    }

    /** @param note what the coordinator did about it, kept with the alert */
    record Acknowledgement(@Size(max = 500) String note) {}

    private static void requireId(String field, String value) {
        if (!value.matches(ID)) {
            throw new InvalidFieldException(field, "is not an id");
        }
    }
}
