package org.samepath.profile.profile;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.samepath.contracts.profile.Role;
import org.samepath.platform.web.ProblemDetailsAdvice.InvalidFieldException;
import org.samepath.profile.profile.ProfileRequest.ConsentedTagRequest;
import org.samepath.profile.profile.ProfileRequest.Criterion;
import org.samepath.profile.profile.ProfileRequest.PreferenceRequest;
import org.samepath.profile.vocabulary.Vocabulary;

/**
 * The rules bean validation cannot express: values from the configured vocabulary, real languages and time zones,
 * and fields that belong to one role only. Collects every problem so a client can fix them in one go.
 */
class ProfileValidator {

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private final Vocabulary vocabulary;

    ProfileValidator(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    void validate(ProfileRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        eachIn(errors, "languages", request.languagesOrEmpty(), ISO_LANGUAGES, Function.identity());
        if (request.timeZone() != null && !isZone(request.timeZone())) {
            errors.put("timeZone", "is not a known time zone");
        }
        oneOf(errors, "genderIdentity", request.genderIdentity(), vocabulary.genderIdentities());
        oneOf(errors, "ageBand", request.ageBand(), vocabulary.ageBands());
        eachIn(errors, "availability", request.availabilityOrEmpty(), vocabulary.availability(), Function.identity());
        eachIn(
                errors,
                "recoveryPathways",
                request.recoveryPathwaysOrEmpty(),
                vocabulary.recoveryPathways(),
                Function.identity());
        eachIn(
                errors,
                "livedExperience",
                request.livedExperienceOrEmpty(),
                vocabulary.livedExperience(),
                ConsentedTagRequest::tag);
        eachIn(errors, "identities", request.identitiesOrEmpty(), vocabulary.identities(), ConsentedTagRequest::tag);
        if (request.faith() != null) {
            oneOf(errors, "faith.value", request.faith().value(), vocabulary.faith());
        }
        for (int i = 0; i < request.conflictsOrEmpty().size(); i++) {
            String kind = request.conflictsOrEmpty().get(i).split(":", 2)[0];
            if (!vocabulary.conflictKinds().contains(kind)) {
                errors.put("conflicts[" + i + "]", "must start with one of " + sorted(vocabulary.conflictKinds()));
            }
        }
        roleSpecific(errors, request);
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(errors);
        }
    }

    private void roleSpecific(Map<String, String> errors, ProfileRequest request) {
        if (request.role() == Role.MENTOR) {
            if (request.recoverySince() == null) {
                errors.put("recoverySince", "is required for a mentor");
            }
            if (request.capacity() == null) {
                errors.put("capacity", "is required for a mentor");
            }
            if (!request.preferencesOrEmpty().isEmpty()) {
                errors.put("preferences", "are a newcomer's; a mentor has none");
            }
        } else if (request.role() == Role.NEWCOMER) {
            if (request.recoverySince() != null) {
                errors.put("recoverySince", "is a mentor's; a newcomer has none");
            }
            if (request.capacity() != null) {
                errors.put("capacity", "is a mentor's; a newcomer has none");
            }
            List<PreferenceRequest> preferences = request.preferencesOrEmpty();
            Set<Criterion> seen = new HashSet<>();
            for (int i = 0; i < preferences.size(); i++) {
                preference(errors, "preferences[" + i + "]", preferences.get(i), seen);
            }
        }
    }

    private void preference(
            Map<String, String> errors, String field, PreferenceRequest preference, Set<Criterion> seen) {
        if (!seen.add(preference.criterion())) {
            errors.put(field + ".criterion", "appears more than once");
        }
        Set<String> allowed = allowedValues(preference.criterion());
        if (preference.criterion() == Criterion.SHARED_EXPERIENCE) {
            if (preference.value() != null) {
                errors.put(field + ".value", "must be absent: shared experience compares both profiles");
            }
        } else if (preference.value() == null) {
            errors.put(field + ".value", "is required for " + preference.criterion());
        } else if (!allowed.contains(preference.value())) {
            errors.put(
                    field + ".value",
                    "no value in the vocabulary satisfies this " + preference.strength() + " preference for "
                            + preference.criterion());
        }
    }

    private Set<String> allowedValues(Criterion criterion) {
        return switch (criterion) {
            case LANGUAGE -> ISO_LANGUAGES;
            case GENDER -> vocabulary.genderIdentities();
            case AGE_BAND -> vocabulary.ageBands();
            case PATHWAY -> vocabulary.recoveryPathways();
            case IDENTITY -> vocabulary.identities();
            case FAITH -> vocabulary.faith();
            case AVAILABILITY -> vocabulary.availability();
            case SHARED_EXPERIENCE -> vocabulary.livedExperience();
        };
    }

    private static <T> void eachIn(
            Map<String, String> errors, String field, List<T> items, Set<String> allowed, Function<T, String> value) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String item = value.apply(items.get(i));
            if (!allowed.contains(item)) {
                errors.put(field + "[" + i + "]", "'" + item + "' is not in the vocabulary");
            } else if (!seen.add(item)) {
                errors.put(field + "[" + i + "]", "'" + item + "' appears more than once");
            }
        }
    }

    private static void oneOf(Map<String, String> errors, String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.put(field, "must be one of " + sorted(allowed));
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
