package org.samepath.matching.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.samepath.matching.engine.Candidate;
import org.samepath.matching.engine.Consent;
import org.samepath.matching.engine.Criterion;
import org.samepath.matching.engine.CriterionScore;
import org.samepath.matching.engine.HardFilter;
import org.samepath.matching.engine.Mentor;
import org.samepath.matching.engine.MentorStatus;
import org.samepath.matching.engine.Newcomer;
import org.samepath.matching.engine.PersonAttributes;
import org.samepath.matching.engine.Preference;
import org.samepath.matching.engine.Strength;
import org.samepath.matching.request.MentorSearch;

/** Between the read model's documents and the engine's types. */
final class EngineTranslation {

    private EngineTranslation() {}

    static Newcomer newcomer(Document person, Instant waitingSince) {
        List<Preference> preferences = person.getList("preferences", Document.class, List.of()).stream()
                .map(p -> new Preference(
                        Criterion.valueOf(p.getString("criterion")),
                        p.getString("value"),
                        Strength.valueOf(p.getString("strength"))))
                .toList();
        return new Newcomer(attributes(person), preferences, waitingSince);
    }

    /** Empty for a mentor the engine cannot consider (no capacity declared). */
    static Optional<Mentor> mentor(Document person, int slotsInUse) {
        Integer capacity = person.getInteger("capacity");
        if (capacity == null || capacity < 1 || capacity > Mentor.MAX_CAPACITY) {
            return Optional.empty();
        }
        String since = person.getString("recoverySince");
        return Optional.of(new Mentor(
                attributes(person),
                MentorStatus.valueOf(person.getString("status")),
                since == null ? null : LocalDate.parse(since),
                capacity,
                slotsInUse));
    }

    static PersonAttributes attributes(Document person) {
        PersonAttributes.Builder builder = PersonAttributes.builder(person.getString("_id"))
                .languages(strings(person, "languages"))
                .genderIdentity(person.getString("genderIdentity"))
                .ageBand(person.getString("ageBand"))
                .availability(strings(person, "availability"))
                .timeZone(person.getString("timeZone"))
                .recoveryPathways(strings(person, "recoveryPathways"))
                .conflicts(strings(person, "conflicts"));
        for (Document tag : person.getList("livedExperience", Document.class, List.of())) {
            builder.livedExperience(tag.getString("tag"), Consent.valueOf(tag.getString("consent")));
        }
        for (Document tag : person.getList("identities", Document.class, List.of())) {
            builder.identity(tag.getString("tag"), Consent.valueOf(tag.getString("consent")));
        }
        Document faith = person.get("faith", Document.class);
        if (faith != null) {
            builder.faith(faith.getString("tag"), Consent.valueOf(faith.getString("consent")));
        }
        return builder.build();
    }

    static MentorSearch.Candidate candidate(Candidate candidate) {
        Map<String, Integer> breakdown = new LinkedHashMap<>();
        for (CriterionScore score : candidate.breakdown()) {
            breakdown.put(score.criterion().name(), (int) Math.round(score.points()));
        }
        List<String> relaxed = candidate.unmetPreferences().stream()
                .map(p -> p.criterion().name().toLowerCase().replace('_', ' ')
                        + (p.value() == null ? "" : ": " + p.value()))
                .toList();
        return new MentorSearch.Candidate(
                candidate.mentorId(), candidate.score(), breakdown, candidate.reasons(), relaxed);
    }

    static Map<String, Integer> removed(Map<HardFilter, Integer> removedByFilter) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        removedByFilter.forEach((filter, count) -> removed.put(filter.name(), count));
        return removed;
    }

    private static String[] strings(Document person, String field) {
        return person.getList(field, String.class, List.of()).toArray(String[]::new);
    }
}
