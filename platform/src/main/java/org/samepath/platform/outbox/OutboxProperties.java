package org.samepath.platform.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections the aggregate collections whose documents carry an outbox
 * @param sweepInterval how often leftovers are looked for
 * @param sweepGrace how old an entry must be before the sweep takes it (leaves fresh ones to the post-write relay)
 * @param sweepBatchSize documents per collection per sweep (found through the pending-since index)
 * @param sendTimeout how long one relay's sends may wait for the broker's acknowledgements
 * @param relayThreads post-write relays running at once. Each mostly waits (for the database, then for the broker's
 *     acknowledgement), so they cost threads, not CPU; too few and the relays queue: with 8, at 50 match requests a
 *     second on the local stack, a consumer received a request's events 26 s after its POST was answered (p50; 61 ms
 *     with 48)
 */
@ConfigurationProperties("samepath.outbox")
public record OutboxProperties(
        @DefaultValue List<String> collections,
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("2s") Duration sweepGrace,
        @DefaultValue("200") int sweepBatchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("48") int relayThreads) {}
