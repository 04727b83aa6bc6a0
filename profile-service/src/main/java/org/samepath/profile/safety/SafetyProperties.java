package org.samepath.profile.safety;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a newcomer who asks for support now is given at once, whatever else happens: crisis resources of the program
 * ({@code samepath.safety.crisis-resources}; default the US 988 Suicide &amp; Crisis Lifeline).
 */
@ConfigurationProperties("samepath.safety")
record SafetyProperties(List<CrisisResource> crisisResources) {

    SafetyProperties {
        crisisResources = crisisResources == null ? List.of() : List.copyOf(crisisResources);
    }

    record CrisisResource(String name, String phone, String text, String url, String hours) {}
}
