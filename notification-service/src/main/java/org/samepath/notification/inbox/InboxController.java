package org.samepath.notification.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.samepath.notification.inbox.Inbox.InboxPage;
import org.samepath.notification.inbox.Inbox.Reader;
import org.samepath.platform.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Each caller's own inbox; coordinators also see the role-wide alerts. Someone else's notification does not exist. */
@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize("isAuthenticated()")
class InboxController {

    private final Inbox inbox;
    private final NotificationStream stream;

    InboxController(Inbox inbox, NotificationStream stream) {
        this.inbox = inbox;
        this.stream = stream;
    }

    @GetMapping
    InboxPage list(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Authentication caller) {
        return inbox.list(reader(caller), unread, page, size);
    }

    @PostMapping("/{id}/read")
    Notification markRead(@PathVariable String id, Authentication caller) {
        return inbox.markRead(id, reader(caller))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such notification."));
    }

    /** Server-sent events: event {@code notification} with the notification as JSON, plus heartbeat comments. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Authentication caller) {
        return stream.subscribe(reader(caller));
    }

    private static Reader reader(Authentication caller) {
        return new Reader(caller.getName(), Roles.has(caller, Roles.COORDINATOR));
    }
}
