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
 */
@ConfigurationProperties("samepath.matching")
public record MatchingSettings(
        @DefaultValue("72h") Duration responseDeadline,
        @DefaultValue("5s") Duration timerInterval,
        @DefaultValue("10s") Duration searchGrace) {

    Duration reminderAfter() {
        return responseDeadline.dividedBy(2);
    }
}
