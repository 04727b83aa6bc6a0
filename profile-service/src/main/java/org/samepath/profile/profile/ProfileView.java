package org.samepath.profile.profile;

import java.time.LocalDate;
import java.util.List;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.contracts.profile.Role;
import org.samepath.profile.profile.ProfileRequest.ConsentedTagRequest;
import org.samepath.profile.profile.ProfileRequest.ContactRequest;
import org.samepath.profile.profile.ProfileRequest.FaithRequest;
import org.samepath.profile.profile.ProfileRequest.PreferenceRequest;

/** A person's own full profile, as they (or a coordinator) see it. */
public record ProfileView(
        String id,
        Role role,
        ProfileStatus status,
        long version,
        String displayName,
        List<String> languages,
        String timeZone,
        String genderIdentity,
        String ageBand,
        List<String> availability,
        List<String> recoveryPathways,
        List<ConsentedTagRequest> livedExperience,
        List<ConsentedTagRequest> identities,
        FaithRequest faith,
        List<String> conflicts,
        ContactRequest contact,
        List<PreferenceRequest> preferences,
        LocalDate recoverySince,
        Integer capacity) {}
