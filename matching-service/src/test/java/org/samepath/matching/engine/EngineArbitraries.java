package org.samepath.matching.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators over the real default vocabulary (API.md), so generated people look like real ones. */
final class EngineArbitraries {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    static final List<String> LANGUAGES = List.of("en", "es", "fr", "vi", "so", "zh", "ar");
    static final List<String> GENDERS = List.of("woman", "man", "non-binary", "other");
    static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    static final List<String> PATHWAYS =
            List.of("TWELVE_STEP", "SMART_RECOVERY", "MEDICATION_ASSISTED", "FAITH_BASED", "SECULAR", "HARM_REDUCTION");
    static final List<String> LIVED = List.of(
            "substance:alcohol",
            "substance:opioids",
            "substance:stimulants",
            "substance:cannabis",
            "substance:benzodiazepines",
            "substance:gambling",
            "mental-health:depression",
            "mental-health:anxiety",
            "mental-health:bipolar",
            "mental-health:ptsd",
            "mental-health:eating-disorder",
            "mental-health:psychosis",
            "trauma:domestic-violence",
            "trauma:combat",
            "trauma:childhood",
            "trauma:sexual-assault",
            "trauma:grief");
    static final List<String> IDENTITIES =
            List.of("veteran", "lgbtq", "parent", "justice-involved", "indigenous", "immigrant", "disability");
    static final List<String> FAITHS =
            List.of("secular", "christian", "muslim", "jewish", "buddhist", "hindu", "spiritual", "other");
    static final List<String> ZONES =
            List.of("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Asia/Tokyo");
    static final List<String> CONFLICTS = List.of("residence:oak-house", "residence:elm-house", "workplace:cafe");
    static final List<String> SLOTS = slots();
    static final List<String> FILLER_LANGUAGES = Arrays.stream(Locale.getISOLanguages())
            .filter(code -> !LANGUAGES.contains(code))
            .limit(70)
            .toList();

    private enum History {
        NONE,
        BLOCKED,
        ENDED,
        DECLINED,
        TRIED
    }

    private record Background(
            Set<String> languages,
            String gender,
            String ageBand,
            Set<String> availability,
            String zone,
            Set<String> pathways) {}

    private EngineArbitraries() {}

    static Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(0, 30).flatMap(size -> Combinators.combine(
                        newcomers(),
                        mentors().list().ofSize(size),
                        histories().list().ofSize(size),
                        settings(),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers()
                                .between(-2, 2)
                                .injectNull(0.7)
                                .list()
                                .ofSize(size),
                        Arbitraries.integers().between(0, 4))
                .as((newcomer, mentors, histories, settings, selfChance, daysFromCutoff, crowdedChance) -> {
                    LocalDate cutoff = TODAY.minus(settings.minimumTimeInRecovery());
                    boolean crowded = crowdedChance == 0;
                    List<Mentor> named = new ArrayList<>(crowded ? crowdedVocabulary() : List.of());
                    for (int i = 0; i < mentors.size(); i++) {
                        Mentor mentor = withId(mentors.get(i), "m" + i);
                        Integer nearCutoff = daysFromCutoff.get(i);
                        named.add(
                                nearCutoff == null
                                        ? mentor
                                        : new Mentor(
                                                mentor.attributes(),
                                                mentor.status(),
                                                cutoff.plusDays(nearCutoff),
                                                mentor.capacity(),
                                                mentor.slotsInUse()));
                    }
                    Newcomer asking = selfChance == 0 && !mentors.isEmpty() ? rename(newcomer, "m0") : newcomer;
                    if (crowded) {
                        asking = alsoSpeaking(asking, FILLER_LANGUAGES.get(0));
                    }
                    return new Scenario(asking, named, exclusions(asking.id(), histories), settings, NOW);
                }));
    }

    static Arbitrary<Newcomer> newcomers() {
        return Combinators.combine(
                        people(),
                        preferences().list().ofMaxSize(4),
                        Arbitraries.integers().between(0, 100_000))
                .as((person, preferences, minutes) ->
                        new Newcomer(withId(person, "newcomer"), preferences, NOW.minus(Duration.ofMinutes(minutes))));
    }

    static Arbitrary<Mentor> mentors() {
        return Combinators.combine(
                        people(),
                        Arbitraries.frequency(
                                Tuple.of(7, MentorStatus.APPROVED), Tuple.of(1, MentorStatus.PAUSED),
                                Tuple.of(1, MentorStatus.SUSPENDED), Tuple.of(1, MentorStatus.PENDING_APPROVAL)),
                        Arbitraries.integers().between(0, 3_000).injectNull(0.05),
                        Arbitraries.integers().between(1, 10),
                        Arbitraries.integers().between(0, 11))
                .as((person, status, daysInRecovery, capacity, slots) -> new Mentor(
                        person,
                        status,
                        daysInRecovery == null ? null : TODAY.minusDays(daysInRecovery),
                        capacity,
                        Math.min(slots, capacity + 1)));
    }

    static Arbitrary<Preference> preferences() {
        return Arbitraries.of(Criterion.values())
                .filter(Criterion::acceptsPreferences)
                .flatMap(criterion -> Combinators.combine(valueFor(criterion), Arbitraries.of(Strength.class))
                        .as((value, strength) -> new Preference(criterion, value, strength)));
    }

    static Arbitrary<PersonAttributes> people() {
        Arbitrary<Background> background = Combinators.combine(
                        Arbitraries.of(LANGUAGES).set().ofMaxSize(3),
                        Arbitraries.of(GENDERS).injectNull(0.2),
                        Arbitraries.of(AGE_BANDS).injectNull(0.2),
                        Arbitraries.of(SLOTS).set().ofMaxSize(5),
                        Arbitraries.of(ZONES).injectNull(0.3),
                        Arbitraries.of(PATHWAYS).set().ofMaxSize(2))
                .as(Background::new);
        return Combinators.combine(
                        background,
                        consented(LIVED, 4),
                        consented(IDENTITIES, 2),
                        Combinators.combine(Arbitraries.of(FAITHS), Arbitraries.of(Consent.class))
                                .as(ConsentedValue::new)
                                .injectNull(0.3),
                        Arbitraries.of(CONFLICTS).set().ofMaxSize(1).injectNull(0.7))
                .as((b, lived, identities, faith, conflicts) -> new PersonAttributes(
                        "unnamed",
                        b.languages(),
                        b.gender(),
                        b.ageBand(),
                        b.availability(),
                        b.zone(),
                        b.pathways(),
                        lived,
                        identities,
                        faith,
                        conflicts));
    }

    static Arbitrary<MatchingSettings> settings() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 40).list().ofSize(Criterion.values().length),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 36),
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.integers().between(1, 8))
                .as((weights, bonus, months, cooldownDays, shortlist) -> {
                    Map<Criterion, Integer> byCriterion = new EnumMap<>(Criterion.class);
                    for (Criterion criterion : Criterion.values()) {
                        byCriterion.put(criterion, weights.get(criterion.ordinal()));
                    }
                    return new MatchingSettings(
                            byCriterion, bonus, Period.ofMonths(months), Duration.ofDays(cooldownDays), shortlist);
                });
    }

    static Mentor withId(Mentor mentor, String id) {
        return new Mentor(
                withId(mentor.attributes(), id),
                mentor.status(),
                mentor.recoverySince(),
                mentor.capacity(),
                mentor.slotsInUse());
    }

    static PersonAttributes withId(PersonAttributes p, String id) {
        return new PersonAttributes(
                id,
                p.languages(),
                p.genderIdentity(),
                p.ageBand(),
                p.availability(),
                p.timeZone(),
                p.recoveryPathways(),
                p.livedExperience(),
                p.identities(),
                p.faith(),
                p.conflicts());
    }

    /**
     * 70 paused mentors, added first, each speaking a language nobody else does: the languages column then needs
     * two words per row and the usual languages sit in the second, so the general scoring path gets exercised.
     */
    private static List<Mentor> crowdedVocabulary() {
        List<Mentor> fillers = new ArrayList<>();
        for (int i = 0; i < FILLER_LANGUAGES.size(); i++) {
            PersonAttributes person = PersonAttributes.builder(String.format("f%02d", i))
                    .languages(FILLER_LANGUAGES.get(i))
                    .build();
            fillers.add(new Mentor(person, MentorStatus.PAUSED, TODAY.minusYears(3), 2, 0));
        }
        return fillers;
    }

    private static Newcomer alsoSpeaking(Newcomer newcomer, String language) {
        PersonAttributes p = newcomer.attributes();
        Set<String> languages = new TreeSet<>(p.languages());
        languages.add(language);
        return new Newcomer(
                new PersonAttributes(
                        p.personId(),
                        languages,
                        p.genderIdentity(),
                        p.ageBand(),
                        p.availability(),
                        p.timeZone(),
                        p.recoveryPathways(),
                        p.livedExperience(),
                        p.identities(),
                        p.faith(),
                        p.conflicts()),
                newcomer.preferences(),
                newcomer.waitingSince());
    }

    private static Newcomer rename(Newcomer newcomer, String id) {
        return new Newcomer(withId(newcomer.attributes(), id), newcomer.preferences(), newcomer.waitingSince());
    }

    private static Arbitrary<Tuple.Tuple2<History, Integer>> histories() {
        return Combinators.combine(
                        Arbitraries.frequency(
                                Tuple.of(10, History.NONE),
                                Tuple.of(1, History.BLOCKED),
                                Tuple.of(1, History.ENDED),
                                Tuple.of(2, History.DECLINED),
                                Tuple.of(1, History.TRIED)),
                        Arbitraries.integers().between(0, 90))
                .as(Tuple::of);
    }

    /** Each mentor's history with the newcomer, plus some with another newcomer that must not matter. */
    private static Exclusions exclusions(String newcomerId, List<Tuple.Tuple2<History, Integer>> histories) {
        Exclusions.Builder exclusions = Exclusions.builder();
        for (int i = 0; i < histories.size(); i++) {
            String mentorId = "m" + i;
            int daysAgo = histories.get(i).get2();
            switch (histories.get(i).get1()) {
                case BLOCKED -> exclusions.blocked(mentorId, newcomerId);
                case ENDED -> exclusions.ended(newcomerId, mentorId);
                case DECLINED -> exclusions.declined(newcomerId, mentorId, NOW.minus(Duration.ofDays(daysAgo)));
                case TRIED -> exclusions.tried(newcomerId, mentorId);
                case NONE -> exclusions.tried("someone-else", mentorId).blocked("someone-else", mentorId);
            }
        }
        return exclusions.build();
    }

    private static Arbitrary<String> valueFor(Criterion criterion) {
        return switch (criterion) {
            case LANGUAGE -> Arbitraries.of(LANGUAGES);
            case GENDER -> Arbitraries.of(GENDERS);
            case AGE_BAND -> Arbitraries.of(AGE_BANDS);
            case SHARED_EXPERIENCE -> Arbitraries.of(LIVED).injectNull(0.5);
            case PATHWAY -> Arbitraries.of(PATHWAYS);
            case IDENTITY -> Arbitraries.of(IDENTITIES);
            case FAITH -> Arbitraries.of(FAITHS);
            case AVAILABILITY -> Arbitraries.of(SLOTS);
            case MENTOR_LOAD -> throw new IllegalArgumentException();
        };
    }

    private static Arbitrary<Map<String, Consent>> consented(List<String> tags, int most) {
        return Arbitraries.maps(Arbitraries.of(tags), Arbitraries.of(Consent.class))
                .ofMaxSize(most);
    }

    private static List<String> slots() {
        List<String> slots = new ArrayList<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            for (String time : List.of("MORNING", "AFTERNOON", "EVENING")) {
                slots.add(day + "_" + time);
            }
        }
        return List.copyOf(slots);
    }
}
