package org.samepath.matching.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.samepath.matching.engine.Consent;
import org.samepath.matching.engine.Criterion;
import org.samepath.matching.engine.Exclusions;
import org.samepath.matching.engine.Mentor;
import org.samepath.matching.engine.MentorStatus;
import org.samepath.matching.engine.Newcomer;
import org.samepath.matching.engine.PersonAttributes;
import org.samepath.matching.engine.Preference;

/** Random people over the default vocabulary, skewed the way a real program is (mostly English, a few languages). */
final class RealisticPeople {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final String[] LANGUAGES = {"fr", "zh", "vi", "ar", "tl", "ko", "ru", "pt", "de", "hi", "pl", "so"};
    private static final String[] GENDERS = {"woman", "man", "non-binary", "other"};
    private static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
    private static final String[] ZONES = {
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
    };
    private static final String[] PATHWAYS = {
        "TWELVE_STEP", "SMART_RECOVERY", "MEDICATION_ASSISTED", "FAITH_BASED", "SECULAR", "HARM_REDUCTION"
    };
    private static final String[] LIVED = {
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
        "trauma:grief"
    };
    private static final String[] IDENTITIES = {
        "veteran", "lgbtq", "parent", "justice-involved", "indigenous", "immigrant", "disability"
    };
    private static final String[] FAITHS = {
        "secular", "christian", "muslim", "jewish", "buddhist", "hindu", "spiritual", "other"
    };
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final String[] TIMES = {"MORNING", "AFTERNOON", "EVENING"};

    private final SplittableRandom random;

    RealisticPeople(long seed) {
        random = new SplittableRandom(seed);
    }

    List<Mentor> approvedMentors(int count) {
        List<Mentor> mentors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int capacity = 1 + random.nextInt(random.nextInt(10) < 8 ? 4 : 10);
            mentors.add(new Mentor(
                    attributes(String.format("mentor-%06d", i)),
                    MentorStatus.APPROVED,
                    TODAY.minusDays(200 + random.nextInt(20 * 365)),
                    capacity,
                    random.nextInt(capacity + 1)));
        }
        return mentors;
    }

    List<Newcomer> newcomers(int count) {
        List<Newcomer> newcomers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PersonAttributes person = attributes("newcomer-" + i);
            List<Preference> preferences = new ArrayList<>();
            if (random.nextInt(2) == 0) {
                preferences.add(Preference.must(
                        Criterion.LANGUAGE, person.languages().iterator().next()));
            }
            if (random.nextInt(5) == 0) {
                preferences.add(Preference.must(Criterion.GENDER, person.genderIdentity()));
            } else if (random.nextInt(2) == 0) {
                preferences.add(Preference.prefer(Criterion.GENDER, person.genderIdentity()));
            }
            preferences.add(Preference.prefer(Criterion.SHARED_EXPERIENCE, null));
            if (random.nextInt(3) == 0) {
                preferences.add(Preference.prefer(Criterion.PATHWAY, pick(PATHWAYS)));
            }
            if (random.nextInt(10) == 0) {
                preferences.add(Preference.must(Criterion.SHARED_EXPERIENCE, null));
            }
            newcomers.add(new Newcomer(person, preferences, NOW.minusSeconds(random.nextInt(3_000_000))));
        }
        return newcomers;
    }

    /** A handful of pair exclusions per newcomer, as a busy program accumulates them. */
    Exclusions exclusions(List<Newcomer> newcomers, int mentorCount) {
        Exclusions.Builder exclusions = Exclusions.builder();
        for (Newcomer newcomer : newcomers) {
            for (int k = 0; k < 3; k++) {
                exclusions.tried(newcomer.id(), mentorId(random.nextInt(mentorCount)));
                exclusions.declined(
                        newcomer.id(), mentorId(random.nextInt(mentorCount)), NOW.minusSeconds(86_400L * k));
            }
            exclusions.blocked(newcomer.id(), mentorId(random.nextInt(mentorCount)));
            exclusions.ended(newcomer.id(), mentorId(random.nextInt(mentorCount)));
        }
        return exclusions.build();
    }

    private static String mentorId(int i) {
        return String.format("mentor-%06d", i);
    }

    private PersonAttributes attributes(String id) {
        PersonAttributes.Builder person = PersonAttributes.builder(id)
                .genderIdentity(GENDERS[weighted(45, 45, 7, 3)])
                .ageBand(pick(AGE_BANDS))
                .timeZone(ZONES[weighted(45, 25, 10, 20)]);
        boolean english = random.nextInt(100) < 85;
        boolean spanish = random.nextInt(100) < 25;
        if (english || !spanish) {
            person.languages("en");
        }
        if (spanish) {
            person.languages("es");
        }
        if (random.nextInt(100) < 20) {
            person.languages(pick(LANGUAGES));
        }
        for (int k = 2 + random.nextInt(5); k > 0; k--) {
            person.availability(pick(DAYS) + "_" + pick(TIMES));
        }
        for (int k = 1 + random.nextInt(2); k > 0; k--) {
            person.recoveryPathways(pick(PATHWAYS));
        }
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            person.livedExperience(pick(LIVED), consent());
        }
        for (int k = random.nextInt(3); k > 0; k--) {
            person.identity(pick(IDENTITIES), consent());
        }
        if (random.nextInt(100) < 70) {
            person.faith(pick(FAITHS), consent());
        }
        if (random.nextInt(10) == 0) {
            person.conflicts("residence:house-" + random.nextInt(200));
        }
        return person.build();
    }

    private Consent consent() {
        return random.nextInt(10) < 7 ? Consent.MATCH_AND_SHARE : Consent.MATCH_ONLY;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
