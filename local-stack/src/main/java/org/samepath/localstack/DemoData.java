package org.samepath.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic demo data for a living dashboard, made only through the public APIs exactly as people would (so every
 * event, outbox and notification is real): mentors with varied languages and pathways, most approved and some
 * waiting for approval; newcomers asking for mentors, some with wishes nobody can meet yet (so the waitlist shows its
 * reasons); mentors accepting and declining; two urgent-support flags and one report. Fictional people throughout.
 * Switched on with {@code SAMEPATH_DEMO_DATA=true}; the same random seed gives the same story every time.
 */
public final class DemoData {

    static final int MENTORS = 14;
    static final int PENDING_MENTORS = 2;
    static final int NEWCOMERS = 36;
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] PATHWAYS = {
        "TWELVE_STEP", "SMART_RECOVERY", "MEDICATION_ASSISTED", "FAITH_BASED", "SECULAR", "HARM_REDUCTION"
    };
    private static final String[] EXPERIENCE = {
        "substance:alcohol",
        "substance:opioids",
        "substance:stimulants",
        "mental-health:depression",
        "mental-health:anxiety",
        "trauma:grief",
        "mental-health:ptsd"
    };
    private static final String[] FIRST_NAMES = {
        "Alex", "Sam", "Jordan", "Rosa", "Marco", "Amina", "Lena", "Tariq", "Joy", "Elena", "Kofi", "Mei", "Pat",
        "Dana", "Noor", "Iris", "Luis", "Ana", "Ben", "Chloe"
    };

    private final RunningStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261121L);
    private final String coordinatorToken;

    private DemoData(RunningStack stack) {
        this.stack = stack;
        this.coordinatorToken = token("coordinator", "COORDINATOR");
    }

    /** Whether the developer asked for demo data when starting the local stack. */
    static boolean requested() {
        return Boolean.parseBoolean(System.getenv().getOrDefault("SAMEPATH_DEMO_DATA", "false"));
    }

    /** @return a one-line summary of what was created */
    public static String seed(RunningStack stack) {
        return new DemoData(stack).tellTheStory();
    }

    private String tellTheStory() {
        Instant started = Instant.now();
        List<String> mentors = new ArrayList<>();
        for (int i = 1; i <= MENTORS; i++) {
            String id = "demo-mentor-%02d".formatted(i);
            mentors.add(id);
            put(id, "MENTOR", mentorProfile(i));
        }
        for (String mentor : mentors.subList(0, MENTORS - PENDING_MENTORS)) {
            call(
                    "POST",
                    stack.url(RunningStack.PROFILE) + "/api/v1/mentors/" + mentor + "/approve",
                    coordinatorToken,
                    "");
        }
        List<String> newcomers = new ArrayList<>();
        for (int i = 1; i <= NEWCOMERS; i++) {
            String id = "demo-newcomer-%02d".formatted(i);
            newcomers.add(id);
            put(id, "NEWCOMER", newcomerProfile(i));
        }
        awaitMatchingKnows(MENTORS - PENDING_MENTORS);
        for (String newcomer : newcomers) {
            askForAMentor(newcomer);
        }
        int accepted = 0;
        int declined = 0;
        for (int round = 0; round < 2; round++) {
            for (String mentor : mentors) {
                String mentorToken = token(mentor, "MENTOR");
                JsonNode proposals =
                        call("GET", stack.url(RunningStack.MATCHING) + "/api/v1/proposals", mentorToken, null);
                for (JsonNode pending : proposals) {
                    JsonNode proposal = pending.path("proposal");
                    if (!"PENDING".equals(proposal.path("status").asString(""))) {
                        continue;
                    }
                    double answer = random.nextDouble();
                    String proposalUrl = stack.url(RunningStack.MATCHING) + "/api/v1/proposals/"
                            + proposal.get("id").asString();
                    if (answer < 0.55) {
                        call("POST", proposalUrl + "/accept", mentorToken, "");
                        accepted++;
                    } else if (answer < 0.75) {
                        call("POST", proposalUrl + "/decline", mentorToken, "{\"reason\":\"Travelling this month\"}");
                        declined++;
                    }
                }
            }
        }
        for (String newcomer : List.of(newcomers.get(2), newcomers.get(16))) {
            call(
                    "POST",
                    stack.url(RunningStack.PROFILE) + "/api/v1/support-requests",
                    token(newcomer, "NEWCOMER"),
                    "{}");
        }
        reportOnePendingProposal();
        return "Demo data: %d mentors (%d awaiting approval), %d newcomers asking, %d accepted, %d declined, 2 urgent flags, 1 report (%d s)"
                .formatted(
                        MENTORS,
                        PENDING_MENTORS,
                        NEWCOMERS,
                        accepted,
                        declined,
                        Duration.between(started, Instant.now()).toSeconds());
    }

    /** A newcomer feels unsafe with the mentor just proposed to them: the pair is blocked, the search goes on. */
    private void reportOnePendingProposal() {
        JsonNode proposed = call(
                "GET",
                stack.url(RunningStack.MATCHING) + "/api/v1/match-requests?status=PROPOSED",
                coordinatorToken,
                null);
        if (proposed.isEmpty()) {
            return;
        }
        JsonNode request = proposed.get(0);
        String newcomer = request.get("newcomerId").asString();
        String mentor = request.at("/currentProposal/mentorId").asString();
        call(
                "POST",
                stack.url(RunningStack.PROFILE) + "/api/v1/reports",
                token(newcomer, "NEWCOMER"),
                "{\"subjectId\":\"" + mentor + "\",\"reason\":\"Messages made me uncomfortable\",\"rematch\":true}");
    }

    private Map<String, Object> mentorProfile(int i) {
        Map<String, Object> profile = commonProfile(i, "MENTOR");
        profile.put("languages", i % 2 == 0 ? List.of("en", "es") : i % 7 == 0 ? List.of("en", "fr") : List.of("en"));
        profile.put("recoverySince", "20%02d-03-01".formatted(5 + i % 12));
        profile.put("capacity", 1 + i % 3);
        return profile;
    }

    private Map<String, Object> newcomerProfile(int i) {
        Map<String, Object> profile = commonProfile(i + 100, "NEWCOMER");
        List<Map<String, String>> preferences = new ArrayList<>();
        if (i % 3 == 0) {
            profile.put("languages", List.of("es", "en"));
            preferences.add(Map.of("criterion", "LANGUAGE", "value", "es", "strength", "MUST"));
        } else if (i % 11 == 0) {
            profile.put("languages", List.of("pt"));
            preferences.add(Map.of("criterion", "LANGUAGE", "value", "pt", "strength", "MUST"));
        } else {
            profile.put("languages", List.of("en"));
        }
        profile.put("preferences", preferences);
        return profile;
    }

    private Map<String, Object> commonProfile(int i, String role) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("role", role);
        profile.put("displayName", FIRST_NAMES[i % FIRST_NAMES.length]);
        profile.put("timeZone", i % 2 == 0 ? "America/Chicago" : "America/New_York");
        profile.put("genderIdentity", List.of("woman", "man", "non-binary").get(i % 3));
        profile.put("ageBand", List.of("25-34", "35-44", "45-54", "18-24").get(i % 4));
        profile.put("availability", List.of("MON_EVENING", i % 2 == 0 ? "SAT_MORNING" : "WED_EVENING"));
        profile.put("recoveryPathways", List.of(PATHWAYS[i % PATHWAYS.length]));
        profile.put(
                "livedExperience",
                List.of(
                        Map.of("tag", EXPERIENCE[i % EXPERIENCE.length], "consent", "MATCH_AND_SHARE"),
                        Map.of("tag", EXPERIENCE[(i + 3) % EXPERIENCE.length], "consent", "MATCH_ONLY")));
        profile.put("identities", List.of());
        profile.put(
                "contact",
                Map.of("email", role.toLowerCase() + i + "@demo.samepath.invalid", "emailOptIn", i % 2 == 0));
        return profile;
    }

    private void put(String personId, String role, Map<String, Object> profile) {
        call(
                "PUT",
                stack.url(RunningStack.PROFILE) + "/api/v1/profiles/me",
                token(personId, role),
                JSON.writeValueAsString(profile));
    }

    /** Until matching-service knows the newcomer's profile (it arrives as an event), a request is a 409. */
    private void askForAMentor(String newcomer) {
        String newcomerToken = token(newcomer, "NEWCOMER");
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (true) {
            JsonNode answer =
                    call("POST", stack.url(RunningStack.MATCHING) + "/api/v1/match-requests", newcomerToken, "{}");
            if (answer.has("id") || Instant.now().isAfter(deadline)) {
                return;
            }
            sleep(Duration.ofMillis(300));
        }
    }

    /** Matching learns of people from profile events; requests made before that would find nobody. */
    private void awaitMatchingKnows(int approvedMentors) {
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (Instant.now().isBefore(deadline)) {
            JsonNode dashboard =
                    call("GET", stack.url(RunningStack.MATCHING) + "/api/v1/dashboard", coordinatorToken, null);
            if (dashboard.at("/mentors/approved").asInt() >= approvedMentors) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("matching-service did not learn of the demo mentors within " + PROPAGATION);
    }

    private String token(String personId, String role) {
        JsonNode issued = call(
                "POST",
                stack.issuerUrl() + "/dev/tokens",
                null,
                "{\"sub\":\"" + personId + "\",\"roles\":[\"" + role + "\"],\"ttlSeconds\":3600}");
        return issued.get("access_token").asString();
    }

    private JsonNode call(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 409) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
