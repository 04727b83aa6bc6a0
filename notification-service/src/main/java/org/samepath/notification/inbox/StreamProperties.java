package org.samepath.notification.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live updates: how often connected streams get a heartbeat comment, how often this instance polls MongoDB for
 * notifications other instances created, how far back each poll looks (tolerated insert delay and clock skew between
 * instances), and how long one stream stays open before the client reconnects.
 */
@ConfigurationProperties("samepath.notifications.stream")
record StreamProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lookback,
        @DefaultValue("30m") Duration timeout) {}
