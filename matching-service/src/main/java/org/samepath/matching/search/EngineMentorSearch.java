package org.samepath.matching.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.samepath.matching.engine.Exclusions;
import org.samepath.matching.engine.HardFilter;
import org.samepath.matching.engine.MatchingEngine;
import org.samepath.matching.engine.Mentor;
import org.samepath.matching.engine.MentorPool;
import org.samepath.matching.engine.MentorStatus;
import org.samepath.matching.engine.Newcomer;
import org.samepath.matching.engine.Ranking;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.people.PersonChanged;
import org.samepath.matching.people.PersonErased;
import org.samepath.matching.request.MentorSearch;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The engine over an in-memory pool of mentors, so a request never scans the database: the pool is built from
 * MongoDB at start-up, kept current by profile events and slot changes on this instance (the slot write returns the
 * new count), and follows changes made by other instances from a watermark: each refresh reads only the mentors and
 * slot documents written since the previous one (with an overlap for writes in flight and clocks a little apart). A
 * stale count can only make a reservation fail (MongoDB decides), never over-fill a mentor.
 */
class EngineMentorSearch implements MentorSearch {

    /** Re-reads a little before the last refresh: writes in flight then, and clocks of instances a little apart. */
    static final Duration REFRESH_OVERLAP = Duration.ofSeconds(5);

    private final MatchingEngine engine;
    private final MentorPool pool;
    private final MatchablePeople people;
    private final PairHistory history;
    private final MentorSlots slots;
    private final Clock clock;
    private volatile Instant refreshedFrom;

    EngineMentorSearch(
            MatchingEngine engine, MatchablePeople people, PairHistory history, MentorSlots slots, Clock clock) {
        this.engine = engine;
        this.people = people;
        this.history = history;
        this.slots = slots;
        this.clock = clock;
        this.pool = MentorPool.of(List.of());
        loadAll();
        slots.onChange(change -> pool.updateSlotsInUse(change.mentorId(), change.inUse()));
    }

    @Override
    public Search search(String newcomerId, Collection<String> alreadyTried, Instant now) {
        return search(newcomerDocument(newcomerId), alreadyTried, now);
    }

    @Override
    public Search search(Document person, Collection<String> alreadyTried, Instant now) {
        Newcomer newcomer = EngineTranslation.newcomer(person, now);
        Ranking ranking = engine.rank(newcomer, pool, exclusions(newcomer.id(), alreadyTried), now);
        return new Search(
                ranking.candidates().stream().map(EngineTranslation::candidate).toList(),
                EngineTranslation.removed(ranking.removedByFilter()),
                ranking.blockingReasons(),
                ranking.engineVersion());
    }

    @Override
    public Assessment assess(String newcomerId, String mentorId, Instant now) {
        Newcomer newcomer = EngineTranslation.newcomer(newcomerDocument(newcomerId), now);
        Mentor mentor = pool.find(mentorId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such mentor."));
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

    @Override
    public List<String> servableBy(Collection<String> mentorIds, List<Waiting> waiting, Instant now) {
        List<String> available =
                mentorIds.stream().filter(this::canTakeANewcomer).toList();
        if (waiting.isEmpty() || available.isEmpty()) {
            return List.of();
        }
        Map<String, Document> newcomers =
                people.findAll(waiting.stream().map(Waiting::newcomerId).toList());
        Map<String, PairHistory.Exclusions> pairs = history.ofAll(newcomers.keySet());
        Exclusions.Builder exclusions = Exclusions.builder();
        Map<String, Waiting> byNewcomer = new HashMap<>();
        List<Newcomer> candidates = new ArrayList<>();
        for (Waiting request : waiting) {
            Document person = newcomers.get(request.newcomerId());
            if (person == null || byNewcomer.putIfAbsent(request.newcomerId(), request) != null) {
                continue; // erased meanwhile, or (never expected) two open requests of one newcomer
            }
            candidates.add(EngineTranslation.newcomer(person, request.waitingSince()));
            add(exclusions, request.newcomerId(), pairs.get(request.newcomerId()), request.alreadyTried());
        }
        return engine.servableBy(available, candidates, pool, exclusions.build(), now).stream()
                .map(newcomer -> byNewcomer.get(newcomer.id()).requestId())
                .toList();
    }

    @Override
    public boolean canTakeANewcomer(String mentorId) {
        return pool.find(mentorId)
                .filter(mentor -> mentor.status() == MentorStatus.APPROVED && mentor.hasFreeSlot())
                .isPresent();
    }

    @EventListener
    @Order(0)
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

    /** Every mentor and every mentor's slots, in two queries: once, at start-up. */
    private void loadAll() {
        Instant startedAt = clock.instant();
        Map<String, Integer> inUse = slots.inUseByMentor();
        for (Document mentor : people.mentors()) {
            EngineTranslation.mentor(mentor, inUse.getOrDefault(mentor.getString("_id"), 0))
                    .ifPresent(pool::upsert);
        }
        refreshedFrom = startedAt.minus(REFRESH_OVERLAP);
    }

    /**
     * Picks up what other instances changed: the mentors whose snapshot was applied, and the mentors whose slots
     * changed, since the last refresh began (less an overlap), through the two collections' time indexes.
     */
    void refreshChanged() {
        Instant startedAt = clock.instant();
        Instant since = refreshedFrom;
        Map<String, Integer> slotsChanged = slots.inUseChangedSince(since);
        for (Document mentor : people.mentorsChangedSince(since)) {
            String mentorId = mentor.getString("_id");
            Integer inUse = slotsChanged.remove(mentorId);
            EngineTranslation.mentor(mentor, inUse != null ? inUse : slots.inUse(mentorId))
                    .ifPresentOrElse(pool::upsert, () -> pool.remove(mentorId));
        }
        slotsChanged.forEach(pool::updateSlotsInUse);
        refreshedFrom = startedAt.minus(REFRESH_OVERLAP);
    }

    int poolSize() {
        return pool.size();
    }

    private Document newcomerDocument(String newcomerId) {
        return people.find(newcomerId)
                .orElseThrow(() ->
                        new ResponseStatusException(HttpStatus.CONFLICT, "The newcomer's profile is not known yet."));
    }

    private Exclusions exclusions(String newcomerId, Collection<String> alreadyTried) {
        Exclusions.Builder builder = Exclusions.builder();
        add(builder, newcomerId, history.of(newcomerId), alreadyTried);
        return builder.build();
    }

    private static void add(
            Exclusions.Builder builder,
            String newcomerId,
            PairHistory.Exclusions pairs,
            Collection<String> alreadyTried) {
        if (pairs != null) {
            pairs.blocked().forEach(mentorId -> builder.blocked(newcomerId, mentorId));
            pairs.ended().forEach(mentorId -> builder.ended(newcomerId, mentorId));
            pairs.declinedAt().forEach((mentorId, at) -> builder.declined(newcomerId, mentorId, at));
        }
        alreadyTried.forEach(mentorId -> builder.tried(newcomerId, mentorId));
    }

    private static String describe(HardFilter filter) {
        return filter.name().toLowerCase().replace('_', ' ');
    }
}
