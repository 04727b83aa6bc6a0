package org.samepath.matching.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the match journey runs. Engine weights and filters have their own settings.
 *
 * @param responseDeadline how long a mentor has to answer a proposal; a reminder is due at half of it
 * @param timerInterval how often expiries, reminders and waitlist retries are looked for
 * @param searchGrace how long a request may sit in SUBMITTED/SEARCHING before the timer advances it (crash recovery)
 * @param waitlistRecheck how long a waitlisted request waits for a recheck when no event retried it (see
 *     {@link DueTimes})
 * @param timerBatchSize how many due requests a timer tick reads at a time
 * @param waitlistPageSize how many waiting requests one page of a waitlist retry reads
 * @param waitlistPagesPerChange how many pages, longest waiting first, one freed slot may look through
 */
@ConfigurationProperties("samepath.matching")
public record MatchingSettings(
        @DefaultValue("72h") Duration responseDeadline,
        @DefaultValue("5s") Duration timerInterval,
        @DefaultValue("10s") Duration searchGrace,
        @DefaultValue("6h") Duration waitlistRecheck,
        @DefaultValue("200") int timerBatchSize,
        @DefaultValue("200") int waitlistPageSize,
        @DefaultValue("10") int waitlistPagesPerChange) {

    Duration reminderAfter() {
        return responseDeadline.dividedBy(2);
    }
}
