package org.samepath.matching.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.samepath.matching.engine.Exclusions;
import org.samepath.matching.engine.HardFilter;
import org.samepath.matching.engine.MatchingEngine;
import org.samepath.matching.engine.Mentor;
import org.samepath.matching.engine.MentorPool;
import org.samepath.matching.engine.Newcomer;
import org.samepath.matching.engine.Ranking;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.people.PersonChanged;
import org.samepath.matching.people.PersonErased;
import org.samepath.matching.request.MentorSearch;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.context.event.EventListener;
import org.springframework.web.server.ResponseStatusException;

/**
 * The engine over an in-memory pool of mentors, so a request never scans the database: the pool is rebuilt from
 * MongoDB at start-up, kept current by profile events and slot changes on this instance, and refreshed periodically
 * for changes made by other instances. A stale count can only make a reservation fail (MongoDB decides), never
 * over-fill a mentor.
 */
class EngineMentorSearch implements MentorSearch {

    private final MatchingEngine engine;
    private final MentorPool pool;
    private final MatchablePeople people;
    private final PairHistory history;
    private final MentorSlots slots;

    EngineMentorSearch(MatchingEngine engine, MatchablePeople people, PairHistory history, MentorSlots slots) {
        this.engine = engine;
        this.people = people;
        this.history = history;
        this.slots = slots;
        this.pool = MentorPool.of(List.of());
        refreshAll();
        slots.onChange(this::refreshSlots);
    }

    @Override
    public Search search(String newcomerId, Collection<String> alreadyTried, Instant now) {
        Newcomer newcomer = newcomer(newcomerId, now);
        Ranking ranking = engine.rank(newcomer, pool, exclusions(newcomerId, alreadyTried), now);
        return new Search(
                ranking.candidates().stream().map(EngineTranslation::candidate).toList(),
                EngineTranslation.removed(ranking.removedByFilter()),
                ranking.blockingReasons(),
                ranking.engineVersion());
    }

    @Override
    public Assessment assess(String newcomerId, String mentorId, Instant now) {
        Newcomer newcomer = newcomer(newcomerId, now);
        Mentor mentor = pool.find(mentorId)
                .orElseThrow(() ->
                        new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No such mentor."));
        Exclusions exclusions = exclusions(newcomerId, List.of());
        Set<HardFilter> failing = engine.failingFilters(newcomer, mentor, exclusions, now);
        Ranking alone = engine.rank(newcomer, MentorPool.of(List.of(mentor)), exclusions, now);
        return new Assessment(
                alone.best().map(EngineTranslation::candidate),
                failing.stream().map(EngineMentorSearch::describe).toList(),
                failing.stream()
                        .filter(filter -> !filter.liftableByOverride())
                        .map(EngineMentorSearch::describe)
                        .toList(),
                MatchingEngine.VERSION);
    }

    @EventListener
    void on(PersonChanged change) {
        if (change.isMentor()) {
            EngineTranslation.mentor(change.current(), slots.inUse(change.personId()))
                    .ifPresentOrElse(pool::upsert, () -> pool.remove(change.personId()));
        }
    }

    @EventListener
    void on(PersonErased erased) {
        pool.remove(erased.personId());
    }

    /**
     * Picks up capacity used or freed by other instances. Every mentor's slots come in one query: one query per
     * mentor was thousands of round trips every two seconds at a realistic pool size.
     */
    void refreshAll() {
        List<Document> mentors = people.mentors();
        Map<String, Integer> inUse = slots.inUseByMentor();
        for (Document mentor : mentors) {
            EngineTranslation.mentor(mentor, inUse.getOrDefault(mentor.getString("_id"), 0))
                    .ifPresent(pool::upsert);
        }
    }

    int poolSize() {
        return pool.size();
    }

    private void refreshSlots(String mentorId) {
        pool.updateSlotsInUse(mentorId, slots.inUse(mentorId));
    }

    private Newcomer newcomer(String newcomerId, Instant now) {
        Document person = people.find(newcomerId)
                .orElseThrow(() -> new ResponseStatusException(
                        org.springframework.http.HttpStatus.CONFLICT, "The newcomer's profile is not known yet."));
        return EngineTranslation.newcomer(person, now);
    }

    private Exclusions exclusions(String newcomerId, Collection<String> alreadyTried) {
        PairHistory.Exclusions pairs = history.of(newcomerId);
        Exclusions.Builder builder = Exclusions.builder();
        pairs.blocked().forEach(mentorId -> builder.blocked(newcomerId, mentorId));
        pairs.ended().forEach(mentorId -> builder.ended(newcomerId, mentorId));
        pairs.declinedAt().forEach((mentorId, at) -> builder.declined(newcomerId, mentorId, at));
        alreadyTried.forEach(mentorId -> builder.tried(newcomerId, mentorId));
        return builder.build();
    }

    private static String describe(HardFilter filter) {
        return filter.name().toLowerCase().replace('_', ' ');
    }
}
