package org.samepath.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.samepath.notification.inbox.NotificationDraft.SharedContact;

/**
 * A stored notification as one reader sees it: {@code read} is that reader's own read state (per coordinator for a
 * role-wide alert).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        String id,
        String recipientId,
        String audience,
        NotificationType type,
        String title,
        String body,
        String requestId,
        String proposalId,
        String matchId,
        String reportId,
        SharedContact contact,
        List<String> people,
        Instant createdAt,
        boolean read) {

    public boolean isRoleWide() {
        return audience != null;
    }
}
