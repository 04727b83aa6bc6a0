package org.samepath.matching.engine;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plain words of reasons: "both ..." for what two people share, "speaks Spanish"-style clauses describing a
 * mentor for blocking reasons. Known vocabulary values read naturally; values a program adds later still read
 * sensibly. Only wording lives here; which attributes may be named is decided by the callers.
 */
final class Phrases {

    private record Wording(String both, String mentor) {}

    private static final Map<String, String> SUBSTANCES = Map.of(
            "alcohol", "alcohol use",
            "opioids", "opioid use",
            "stimulants", "stimulant use",
            "cannabis", "cannabis use",
            "benzodiazepines", "benzodiazepine use",
            "gambling", "gambling");

    private static final Map<String, String> EXPERIENCES = Map.ofEntries(
            Map.entry("mental-health:bipolar", "bipolar disorder"),
            Map.entry("mental-health:ptsd", "PTSD"),
            Map.entry("mental-health:eating-disorder", "an eating disorder"),
            Map.entry("trauma:combat", "combat trauma"),
            Map.entry("trauma:childhood", "childhood trauma"));

    private static final Map<String, String> PATHWAYS = Map.of(
            "TWELVE_STEP", "a twelve-step pathway",
            "SMART_RECOVERY", "SMART Recovery",
            "MEDICATION_ASSISTED", "a medication-assisted pathway",
            "FAITH_BASED", "a faith-based pathway",
            "SECULAR", "a secular pathway",
            "HARM_REDUCTION", "harm reduction");

    private static final Map<String, Wording> IDENTITIES = Map.of(
            "veteran", new Wording("both veterans", "is a veteran"),
            "lgbtq", new Wording("both LGBTQ+", "is LGBTQ+"),
            "parent", new Wording("both parents", "is a parent"),
            "justice-involved",
                    new Wording(
                            "both have been involved with the justice system",
                            "has been involved with the justice system"),
            "indigenous", new Wording("both Indigenous", "is Indigenous"),
            "immigrant", new Wording("both immigrants", "is an immigrant"),
            "disability", new Wording("both live with a disability", "lives with a disability"));

    private static final Map<String, String> FAITHS = Map.of(
            "christian", "Christian",
            "muslim", "Muslim",
            "jewish", "Jewish",
            "buddhist", "Buddhist",
            "hindu", "Hindu");

    private static final Map<String, Wording> GENDERS = Map.of(
            "woman", new Wording("both women", "is a woman"),
            "man", new Wording("both men", "is a man"),
            "non-binary", new Wording("both non-binary", "is non-binary"));

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final List<String> DAY_NAMES =
            List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    private static final List<String> TIMES = List.of("MORNING", "AFTERNOON", "EVENING");

    private Phrases() {}

    static String bothLived(String tag) {
        return tag.startsWith("substance:")
                ? "both in recovery from " + experience(tag)
                : "both have lived experience of " + experience(tag);
    }

    static String mentorLived(String tag) {
        return tag.startsWith("substance:")
                ? "is in recovery from " + experience(tag)
                : "has lived experience of " + experience(tag);
    }

    static String bothPathway(String pathway) {
        return "both follow " + pathway(pathway);
    }

    static String bothSpeak(Collection<String> codes) {
        return "both speak "
                + joinAnd(codes.stream().map(Phrases::language).sorted().toList());
    }

    static String bothIdentity(String tag) {
        return IDENTITIES.containsKey(tag) ? IDENTITIES.get(tag).both() : "both identify as " + readable(tag);
    }

    /** Empty for "other": two people outside the listed faiths need not share one. */
    static Optional<String> bothFaith(String faith) {
        return faith.equals("other") ? Optional.empty() : Optional.of("both " + faith(faith));
    }

    static Optional<String> bothGender(String gender) {
        return Optional.ofNullable(GENDERS.get(gender)).map(Wording::both);
    }

    static String sameAgeBand(String band) {
        return "both aged " + band;
    }

    static String closeInAge(String newcomerBand, String mentorBand) {
        return "close in age (" + newcomerBand + " and " + mentorBand + ")";
    }

    static String sameTimes(List<String> slots) {
        return "available at the same times ("
                + joinAnd(slots.stream().map(Phrases::slot).toList()) + ")";
    }

    /** What a mentor needs to meet {@code preference}; {@code nameValue} false keeps a sensitive value unnamed. */
    static String mentorMeets(Preference preference, boolean nameValue) {
        String value = preference.value();
        return switch (preference.criterion()) {
            case LANGUAGE -> "speaks " + language(value);
            case GENDER -> GENDERS.containsKey(value)
                    ? GENDERS.get(value).mentor()
                    : "has the gender identity \"" + value + "\"";
            case AGE_BAND -> "is aged " + value;
            case PATHWAY -> "follows " + pathway(value);
            case AVAILABILITY -> "is available on " + slot(value);
            case SHARED_EXPERIENCE -> value == null
                    ? "shares a lived experience with this newcomer"
                    : nameValue ? mentorLived(value) : "shares the lived experience this newcomer asked for";
            case IDENTITY -> !nameValue
                    ? "has the identity this newcomer asked for"
                    : IDENTITIES.containsKey(value)
                            ? IDENTITIES.get(value).mentor()
                            : "identifies as " + readable(value);
            case FAITH -> !nameValue
                    ? "has the faith this newcomer asked for"
                    : value.equals("other") ? "has a faith outside the listed ones" : "is " + faith(value);
            case MENTOR_LOAD -> throw new IllegalArgumentException("MENTOR_LOAD takes no preference");
        };
    }

    static String language(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }

    static String slot(String slot) {
        int split = slot.indexOf('_');
        int day = split < 0 ? -1 : DAYS.indexOf(slot.substring(0, split));
        if (day < 0 || !TIMES.contains(slot.substring(split + 1))) {
            return readable(slot);
        }
        return DAY_NAMES.get(day) + " " + slot.substring(split + 1).toLowerCase(Locale.ROOT);
    }

    /** Week order: Monday morning first, then values the default vocabulary does not know. */
    static int slotOrder(String slot) {
        int split = slot.indexOf('_');
        int day = split < 0 ? -1 : DAYS.indexOf(slot.substring(0, split));
        int time = split < 0 ? -1 : TIMES.indexOf(slot.substring(split + 1));
        return day < 0 || time < 0 ? Integer.MAX_VALUE : day * TIMES.size() + time;
    }

    static String period(Period period) {
        List<String> parts = new ArrayList<>();
        addUnit(parts, period.getYears(), "year");
        addUnit(parts, period.getMonths(), "month");
        addUnit(parts, period.getDays(), "day");
        return parts.isEmpty() ? "0 days" : joinAnd(parts);
    }

    static String duration(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toDays() > 0
                ? count(duration.toDays(), "day")
                : count(duration.toHours(), "hour");
    }

    static String joinAnd(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static void addUnit(List<String> parts, int n, String unit) {
        if (n != 0) {
            parts.add(count(n, unit));
        }
    }

    private static String experience(String tag) {
        if (EXPERIENCES.containsKey(tag)) {
            return EXPERIENCES.get(tag);
        }
        String item = tag.substring(tag.indexOf(':') + 1);
        if (tag.startsWith("substance:")) {
            return SUBSTANCES.getOrDefault(item, readable(item) + " use");
        }
        return readable(item);
    }

    private static String pathway(String pathway) {
        return PATHWAYS.getOrDefault(pathway, "the " + readable(pathway) + " pathway");
    }

    private static String faith(String faith) {
        return FAITHS.getOrDefault(faith, faith);
    }

    private static String readable(String value) {
        return value.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }
}
