package org.samepath.testsupport;

/** Realistic profile bodies for {@code PUT /api/v1/profiles/me}, as a person's app would send them. */
public final class ProfileFixtures {

    private ProfileFixtures() {}

    public static String mentor(String displayName, String email) {
        return """
                {
                  "role": "MENTOR",
                  "displayName": "%s",
                  "languages": ["en", "es"],
                  "timeZone": "America/Chicago",
                  "genderIdentity": "man",
                  "ageBand": "35-44",
                  "availability": ["MON_EVENING", "SAT_MORNING"],
                  "recoveryPathways": ["TWELVE_STEP"],
                  "livedExperience": [
                    {"tag": "substance:alcohol", "consent": "MATCH_AND_SHARE"},
                    {"tag": "mental-health:anxiety", "consent": "MATCH_ONLY"},
                    {"tag": "trauma:combat", "consent": "PRIVATE"}
                  ],
                  "identities": [{"tag": "veteran", "consent": "MATCH_AND_SHARE"}],
                  "faith": {"value": "secular", "consent": "PRIVATE"},
                  "conflicts": ["residence:oak-house"],
                  "contact": {"email": "%s", "emailOptIn": true},
                  "recoverySince": "2016-04-01",
                  "capacity": 3
                }
                """
                .formatted(displayName, email);
    }

    public static String newcomer(String displayName, String email) {
        return """
                {
                  "role": "NEWCOMER",
                  "displayName": "%s",
                  "languages": ["en", "es"],
                  "timeZone": "America/Chicago",
                  "genderIdentity": "man",
                  "ageBand": "25-34",
                  "availability": ["MON_EVENING", "SAT_MORNING"],
                  "recoveryPathways": ["TWELVE_STEP"],
                  "livedExperience": [
                    {"tag": "substance:alcohol", "consent": "MATCH_AND_SHARE"},
                    {"tag": "mental-health:anxiety", "consent": "MATCH_ONLY"}
                  ],
                  "identities": [{"tag": "veteran", "consent": "MATCH_AND_SHARE"}],
                  "faith": {"value": "secular", "consent": "MATCH_ONLY"},
                  "conflicts": [],
                  "contact": {"email": "%s", "emailOptIn": true},
                  "preferences": [
                    {"criterion": "LANGUAGE", "value": "es", "strength": "MUST"},
                    {"criterion": "GENDER", "value": "man", "strength": "PREFER"},
                    {"criterion": "SHARED_EXPERIENCE", "strength": "PREFER"}
                  ]
                }
                """
                .formatted(displayName, email);
    }
}
