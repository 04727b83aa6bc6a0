package org.samepath.notification.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live updates.
 *
 * <ul>
 *   <li>{@code heartbeat}: a stream sent nothing for this long gets a heartbeat comment (keeps proxies from closing
 *       it, and reveals dead ones);
 *   <li>{@code pollInterval}: how often this instance reads what other instances created, while anyone is connected;
 *   <li>{@code overlap}: how far before its last read each poll starts again (tolerated delay between a
 *       notification's {@code createdAt} and its insert becoming visible, and clock difference between instances);
 *   <li>{@code lookback}: how far back the occasional (every {@code lookback / 2}) read-back goes, for inserts that
 *       took longer than {@code overlap};
 *   <li>{@code batchSize}: most notification keys read by one query;
 *   <li>{@code timeout}: how long one stream stays open before the client reconnects;
 *   <li>{@code senderThreads}: threads sending to all streams (each stream's messages in order, one at a time);
 *   <li>{@code sendTimeout}: a stream whose send has been blocked this long (its client stopped reading) is dropped;
 *   <li>{@code queueLimit}: a stream with this many messages waiting is dropped.
 * </ul>
 */
@ConfigurationProperties("samepath.notifications.stream")
record StreamProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2s") Duration overlap,
        @DefaultValue("30s") Duration lookback,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("500") int queueLimit) {}
