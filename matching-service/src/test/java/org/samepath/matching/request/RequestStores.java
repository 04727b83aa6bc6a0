package org.samepath.matching.request;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxProperties;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.platform.outbox.TraceContextCarrier;

/** A request store for tests that drive the lifecycle classes directly: no tracing, and its relay never runs. */
final class RequestStores {

    private RequestStores() {}

    static MatchRequestStore withoutRelay(MongoDatabase database, MatchingSettings settings, Clock clock) {
        TraceContextCarrier noTracing = new TraceContextCarrier(null, null);
        OutboxRelay neverRelays = new OutboxRelay(
                null,
                database,
                new OutboxProperties(
                        List.of(), Duration.ofSeconds(2), Duration.ofSeconds(2), 200, Duration.ofSeconds(10), 1),
                noTracing,
                work -> {},
                clock,
                "/tests");
        return new MatchRequestStore(
                database, new Outbox(clock, noTracing), neverRelays, new DueTimes(settings), clock);
    }
}
