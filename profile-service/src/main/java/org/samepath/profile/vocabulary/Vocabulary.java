package org.samepath.profile.vocabulary;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The words a profile may use, as configuration (samepath.vocabulary in application.yml) so a program can extend it
 * without a release. Languages are ISO 639-1 codes and need no list here.
 */
@ConfigurationProperties("samepath.vocabulary")
public record Vocabulary(
        Set<String> livedExperience,
        Set<String> identities,
        Set<String> faith,
        Set<String> genderIdentities,
        Set<String> ageBands,
        Set<String> availability,
        Set<String> recoveryPathways,
        Set<String> conflictKinds) {

    public Vocabulary {
        livedExperience = copy(livedExperience);
        identities = copy(identities);
        faith = copy(faith);
        genderIdentities = copy(genderIdentities);
        ageBands = copy(ageBands);
        availability = copy(availability);
        recoveryPathways = copy(recoveryPathways);
        conflictKinds = copy(conflictKinds);
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
