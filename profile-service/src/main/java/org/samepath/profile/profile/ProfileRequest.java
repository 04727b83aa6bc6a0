package org.samepath.profile.profile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.samepath.contracts.profile.Consent;
import org.samepath.contracts.profile.Role;

/** The body of {@code PUT /api/v1/profiles/me}: the whole profile, replaced as one. */
record ProfileRequest(
        @NotNull Role role,
        @NotBlank @Size(max = 60) String displayName,
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Pattern(regexp = "[a-z]{2}") String> languages,
        @Size(max = 64) String timeZone,
        @Size(max = 32) String genderIdentity,
        @Size(max = 16) String ageBand,
        @Size(max = 21) List<@NotNull @Size(max = 16) String> availability,
        @Size(max = 6) List<@NotNull @Size(max = 32) String> recoveryPathways,
        @Size(max = 20) List<@NotNull @Valid ConsentedTagRequest> livedExperience,
        @Size(max = 10) List<@NotNull @Valid ConsentedTagRequest> identities,
        @Valid FaithRequest faith,
        @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]+:[a-z0-9-]{1,60}") String> conflicts,
        @NotNull @Valid ContactRequest contact,
        @Size(max = 16) List<@NotNull @Valid PreferenceRequest> preferences,
        @PastOrPresent LocalDate recoverySince,
        @Min(1) @Max(10) Integer capacity) {

    record ConsentedTagRequest(@NotBlank @Size(max = 48) String tag, @NotNull Consent consent) {}

    record FaithRequest(@NotBlank @Size(max = 32) String value, @NotNull Consent consent) {}

    record ContactRequest(@NotBlank @Email @Size(max = 254) String email, boolean emailOptIn) {}

    record PreferenceRequest(@NotNull Criterion criterion, @Size(max = 48) String value, @NotNull Strength strength) {}

    enum Criterion {
        LANGUAGE,
        GENDER,
        AGE_BAND,
        SHARED_EXPERIENCE,
        PATHWAY,
        IDENTITY,
        FAITH,
        AVAILABILITY
    }

    enum Strength {
        MUST,
        PREFER
    }

    List<String> languagesOrEmpty() {
        return languages == null ? List.of() : languages;
    }

    List<String> availabilityOrEmpty() {
        return availability == null ? List.of() : availability;
    }

    List<String> recoveryPathwaysOrEmpty() {
        return recoveryPathways == null ? List.of() : recoveryPathways;
    }

    List<ConsentedTagRequest> livedExperienceOrEmpty() {
        return livedExperience == null ? List.of() : livedExperience;
    }

    List<ConsentedTagRequest> identitiesOrEmpty() {
        return identities == null ? List.of() : identities;
    }

    List<String> conflictsOrEmpty() {
        return conflicts == null ? List.of() : conflicts;
    }

    List<PreferenceRequest> preferencesOrEmpty() {
        return preferences == null ? List.of() : preferences;
    }
}
