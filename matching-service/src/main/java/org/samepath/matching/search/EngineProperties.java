package org.samepath.matching.search;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import org.samepath.matching.engine.Criterion;
import org.samepath.matching.engine.MatchingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's settings as configuration ({@code samepath.matching.engine.*}); weights not given keep the engine's
 * documented defaults.
 */
@ConfigurationProperties("samepath.matching.engine")
record EngineProperties(
        Map<Criterion, Integer> weights,
        @DefaultValue("10") int preferenceBonus,
        @DefaultValue("P1Y") Period minimumTimeInRecovery,
        @DefaultValue("30d") Duration declineCooldown,
        @DefaultValue("5") int shortlistSize) {

    MatchingSettings toSettings() {
        Map<Criterion, Integer> merged = new EnumMap<>(MatchingSettings.DEFAULT_WEIGHTS);
        if (weights != null) {
            merged.putAll(weights);
        }
        return new MatchingSettings(merged, preferenceBonus, minimumTimeInRecovery, declineCooldown, shortlistSize);
    }
}
