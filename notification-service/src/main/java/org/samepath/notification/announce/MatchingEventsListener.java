package org.samepath.notification.announce;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MatchEnded;
import org.samepath.contracts.matching.MatchPaused;
import org.samepath.contracts.matching.MatchRequestSubmitted;
import org.samepath.contracts.matching.MatchRequestWaitlisted;
import org.samepath.contracts.matching.MatchRequestWithdrawn;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.contracts.matching.ProposalAccepted;
import org.samepath.contracts.matching.ProposalDeclined;
import org.samepath.contracts.matching.ProposalExpired;
import org.samepath.contracts.matching.ProposalReminderDue;
import org.samepath.contracts.matching.ProposalWithdrawn;
import org.samepath.notification.announce.Notifier.Announcement;
import org.samepath.notification.inbox.NotificationDraft;
import org.samepath.platform.kafka.UnreadableRecords;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Tells newcomers, mentors and coordinators about each step of the match journey.
 *
 * <p>Consumes a whole poll at once: the busiest topic a notification follows costs a handful of database round trips
 * per poll instead of per event ({@link Notifier#tellAll}), and the offsets are committed after the poll's writes. A
 * record that cannot be read, or whose notifications cannot be drafted, is named by its index: the records before it
 * take effect and are committed, and the error handler dead-letters it (at once when unreadable, after the bounded
 * retries otherwise) and goes on with the rest, exactly as a record-at-a-time listener would. When the writes fail
 * (MongoDB away), the poll is retried from its first record; every effect is idempotent, so that repeats nothing.
 */
class MatchingEventsListener {

    private final RequestAnnouncements requests;
    private final ProposalAnnouncements proposals;
    private final Notifier notifier;

    MatchingEventsListener(RequestAnnouncements requests, ProposalAnnouncements proposals, Notifier notifier) {
        this.requests = requests;
        this.proposals = proposals;
        this.notifier = notifier;
    }

    @KafkaListener(
            id = "notification-matching",
            topics = Topics.MATCHING,
            batch = "true",
            concurrency = "${samepath.notifications.matching-consumers}")
    void on(List<ConsumerRecord<String, Object>> records) {
        List<Announcement> announcements = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            RuntimeException failure = UnreadableRecords.failureOf(record);
            if (failure == null && record.value() instanceof DomainEvent event) {
                try {
                    List<NotificationDraft> drafts = draftsFor(event);
                    if (!drafts.isEmpty()) {
                        announcements.add(new Announcement(event, drafts));
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                tell(announcements);
                throw new BatchListenerFailedException(
                        "cannot announce " + record.topic() + "@" + record.offset(), failure, index);
            }
        }
        tell(announcements);
    }

    private void tell(List<Announcement> announcements) {
        try {
            notifier.tellAll(announcements);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("could not store the notifications of a poll", e, 0);
        }
    }

    /** What each matching event tells whom; the events no one hears of here call for nothing. */
    private List<NotificationDraft> draftsFor(DomainEvent event) {
        if (event instanceof MatchRequestSubmitted submitted) {
            return requests.of(submitted);
        } else if (event instanceof MentorProposed proposed) {
            return proposals.of(proposed);
        } else if (event instanceof ProposalReminderDue reminder) {
            return proposals.of(reminder);
        } else if (event instanceof ProposalAccepted accepted) {
            return proposals.of(accepted);
        } else if (event instanceof ProposalDeclined declined) {
            return proposals.of(declined);
        } else if (event instanceof ProposalExpired expired) {
            return proposals.of(expired);
        } else if (event instanceof ProposalWithdrawn withdrawn) {
            return proposals.of(withdrawn);
        } else if (event instanceof MatchRequestWaitlisted waitlisted) {
            return requests.of(waitlisted);
        } else if (event instanceof MatchRequestWithdrawn withdrawn) {
            return requests.of(withdrawn);
        } else if (event instanceof MatchEnded ended) {
            return requests.of(ended);
        } else if (event instanceof MatchPaused paused) {
            return requests.of(paused);
        }
        return List.of();
    }
}
