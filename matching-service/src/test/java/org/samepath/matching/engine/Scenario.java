package org.samepath.matching.engine;

import java.time.Instant;
import java.util.List;

/** One generated matching situation: a newcomer, the mentors, the pair history, the settings and the time. */
record Scenario(
        Newcomer newcomer, List<Mentor> mentors, Exclusions exclusions, MatchingSettings settings, Instant now) {

    MentorPool pool() {
        return MentorPool.of(mentors);
    }

    Ranking rank() {
        return new MatchingEngine(settings).rank(newcomer, pool(), exclusions, now);
    }

    Mentor mentor(String id) {
        return mentors.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return "Scenario[newcomer=" + newcomer + ", mentors=" + mentors.size() + " " + mentors + ", settings="
                + settings + "]";
    }
}
