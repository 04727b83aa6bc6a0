package org.samepath.matching.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history that forbids a pair, supplied by the caller: blocked pairs and ended pairs (both forever, in either
 * direction), declines (a mentor declined a newcomer at a time; excluded within the cool-down) and the mentors
 * already tried for a newcomer's current request (declined or expired). Conflicts of interest come from the
 * people's attributes, not from here. Immutable; build it with {@link #builder()}.
 */
public final class Exclusions {

    private static final Exclusions NONE = builder().build();

    private final Map<String, Set<String>> blocked;
    private final Map<String, Set<String>> ended;
    private final Map<String, Map<String, Instant>> lastDeclineByNewcomer;
    private final Map<String, Set<String>> triedByNewcomer;

    private Exclusions(Builder builder) {
        blocked = freeze(builder.blocked);
        ended = freeze(builder.ended);
        triedByNewcomer = freeze(builder.tried);
        Map<String, Map<String, Instant>> declines = new HashMap<>();
        builder.declines.forEach((newcomer, byMentor) -> declines.put(newcomer, Map.copyOf(byMentor)));
        lastDeclineByNewcomer = Map.copyOf(declines);
    }

    public static Exclusions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean blocked(String personA, String personB) {
        return blockedWith(personA).contains(personB);
    }

    public boolean ended(String personA, String personB) {
        return endedWith(personA).contains(personB);
    }

    public Optional<Instant> lastDecline(String newcomerId, String mentorId) {
        return Optional.ofNullable(declinesOf(newcomerId).get(mentorId));
    }

    public boolean triedForCurrentRequest(String newcomerId, String mentorId) {
        return triedFor(newcomerId).contains(mentorId);
    }

    Set<String> blockedWith(String personId) {
        return blocked.getOrDefault(personId, Set.of());
    }

    Set<String> endedWith(String personId) {
        return ended.getOrDefault(personId, Set.of());
    }

    Map<String, Instant> declinesOf(String newcomerId) {
        return lastDeclineByNewcomer.getOrDefault(newcomerId, Map.of());
    }

    Set<String> triedFor(String newcomerId) {
        return triedByNewcomer.getOrDefault(newcomerId, Set.of());
    }

    private static Map<String, Set<String>> freeze(Map<String, Set<String>> source) {
        Map<String, Set<String>> copy = new HashMap<>();
        source.forEach((person, others) -> copy.put(person, Set.copyOf(others)));
        return Collections.unmodifiableMap(copy);
    }

    public static final class Builder {
        private final Map<String, Set<String>> blocked = new HashMap<>();
        private final Map<String, Set<String>> ended = new HashMap<>();
        private final Map<String, Map<String, Instant>> declines = new HashMap<>();
        private final Map<String, Set<String>> tried = new HashMap<>();

        private Builder() {}

        /** Either person reported the other: the pair is never proposed again. */
        public Builder blocked(String personA, String personB) {
            link(blocked, personA, personB);
            return this;
        }

        /** The pair had a match that ended: never proposed again. */
        public Builder ended(String personA, String personB) {
            link(ended, personA, personB);
            return this;
        }

        /** The mentor declined the newcomer at {@code at}; the latest decline of a pair counts. */
        public Builder declined(String newcomerId, String mentorId, Instant at) {
            declines.computeIfAbsent(newcomerId, k -> new HashMap<>())
                    .merge(mentorId, at, (a, b) -> a.isAfter(b) ? a : b);
            return this;
        }

        /** The mentor was already proposed for the newcomer's current request (and declined or let it expire). */
        public Builder tried(String newcomerId, String mentorId) {
            tried.computeIfAbsent(newcomerId, k -> new HashSet<>()).add(mentorId);
            return this;
        }

        public Exclusions build() {
            return new Exclusions(this);
        }

        private static void link(Map<String, Set<String>> pairs, String a, String b) {
            pairs.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            pairs.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }
    }
}
