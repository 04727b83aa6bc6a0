package org.samepath.loaddriver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The people a run creates: varied but valid profiles drawn from the default vocabulary with a fixed seed, so every
 * run loads the same mix. All mentors speak English, so any newcomer can be matched unless the pool is full, except
 * the chosen share of newcomers who MUST have Finnish, which no mentor speaks: they are waitlisted by design.
 */
final class Population {

    static final String UNMATCHABLE_LANGUAGE = "fi";

    private static final List<String> EXPERIENCES = List.of(
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
    private static final List<String> IDENTITIES =
            List.of("veteran", "lgbtq", "parent", "justice-involved", "indigenous", "immigrant", "disability");
    private static final List<String> FAITHS =
            List.of("secular", "christian", "muslim", "jewish", "buddhist", "hindu", "spiritual", "other");
    private static final List<String> GENDERS = List.of("woman", "man", "non-binary", "other");
    private static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    private static final List<String> PATHWAYS =
            List.of("TWELVE_STEP", "SMART_RECOVERY", "MEDICATION_ASSISTED", "FAITH_BASED", "SECULAR", "HARM_REDUCTION");
    private static final List<String> TIME_ZONES =
            List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles");
    private static final List<String> CONSENTS = List.of("MATCH_AND_SHARE", "MATCH_ONLY");
    private static final List<String> AVAILABILITY = availabilitySlots();

    private final String runId;
    private final int mentors;
    private final int newcomers;
    private final boolean[] unmatchable;

    Population(String runId, int mentors, int newcomers, double waitlistShare) {
        this.runId = runId;
        this.mentors = mentors;
        this.newcomers = newcomers;
        this.unmatchable = new boolean[newcomers];
        Random random = new Random(6L);
        for (int i = 0; i < newcomers; i++) {
            unmatchable[i] = random.nextDouble() < waitlistShare;
        }
    }

    int mentors() {
        return mentors;
    }

    int newcomers() {
        return newcomers;
    }

    String mentorId(int index) {
        return runId + "-m" + index;
    }

    String newcomerId(int index) {
        return runId + "-n" + index;
    }

    String coordinatorId() {
        return runId + "-coordinator";
    }

    boolean isUnmatchable(int newcomerIndex) {
        return unmatchable[newcomerIndex];
    }

    Map<String, Object> mentorProfile(int index) {
        Random random = new Random(1_000_003L * index + 17);
        Map<String, Object> profile = common(random, "MENTOR", "Load mentor " + index, mentorId(index));
        List<String> languages = new ArrayList<>(List.of("en"));
        if (random.nextDouble() < 0.3) {
            languages.add("es");
        }
        if (random.nextDouble() < 0.1) {
            languages.add("fr");
        }
        profile.put("languages", languages);
        profile.put(
                "recoverySince",
                LocalDate.of(2005, 1, 1).plusDays(random.nextInt(18 * 365)).toString());
        profile.put("capacity", 3 + random.nextInt(8));
        return profile;
    }

    Map<String, Object> newcomerProfile(int index) {
        Random random = new Random(2_000_003L * index + 29);
        Map<String, Object> profile = common(random, "NEWCOMER", "Load newcomer " + index, newcomerId(index));
        List<Map<String, Object>> preferences = new ArrayList<>();
        if (unmatchable[index]) {
            profile.put("languages", List.of(UNMATCHABLE_LANGUAGE));
            preferences.add(preference("LANGUAGE", UNMATCHABLE_LANGUAGE, "MUST"));
        } else {
            profile.put("languages", random.nextDouble() < 0.2 ? List.of("en", "es") : List.of("en"));
            if (random.nextDouble() < 0.1) {
                preferences.add(preference("GENDER", pick(random, GENDERS), "MUST"));
            }
        }
        if (random.nextBoolean()) {
            preferences.add(preference("SHARED_EXPERIENCE", null, "PREFER"));
        }
        if (random.nextDouble() < 0.3) {
            preferences.add(preference("PATHWAY", pick(random, PATHWAYS), "PREFER"));
        }
        profile.put("preferences", preferences);
        return profile;
    }

    private static Map<String, Object> common(Random random, String role, String displayName, String id) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("role", role);
        profile.put("displayName", displayName);
        profile.put("timeZone", pick(random, TIME_ZONES));
        profile.put("genderIdentity", pick(random, GENDERS));
        profile.put("ageBand", pick(random, AGE_BANDS));
        profile.put("availability", some(random, AVAILABILITY, 2, 6));
        profile.put("recoveryPathways", some(random, PATHWAYS, 1, 2));
        profile.put("livedExperience", consented(random, some(random, EXPERIENCES, 1, 3)));
        profile.put("identities", consented(random, some(random, IDENTITIES, 0, 2)));
        profile.put("faith", Map.of("value", pick(random, FAITHS), "consent", pick(random, CONSENTS)));
        profile.put("contact", Map.of("email", id + "@example.org", "emailOptIn", random.nextBoolean()));
        return profile;
    }

    private static Map<String, Object> preference(String criterion, String value, String strength) {
        Map<String, Object> preference = new LinkedHashMap<>();
        preference.put("criterion", criterion);
        if (value != null) {
            preference.put("value", value);
        }
        preference.put("strength", strength);
        return preference;
    }

    private static List<Map<String, Object>> consented(Random random, List<String> tags) {
        return tags.stream()
                .map(tag -> Map.<String, Object>of("tag", tag, "consent", pick(random, CONSENTS)))
                .toList();
    }

    private static List<String> some(Random random, List<String> values, int least, int most) {
        int count = least + random.nextInt(most - least + 1);
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(pick(random, values));
        }
        return List.copyOf(chosen);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> availabilitySlots() {
        List<String> slots = new ArrayList<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            for (String part : List.of("MORNING", "AFTERNOON", "EVENING")) {
                slots.add(day + "_" + part);
            }
        }
        return List.copyOf(slots);
    }
}
