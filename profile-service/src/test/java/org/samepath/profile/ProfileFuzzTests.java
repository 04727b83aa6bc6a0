package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.contracts.Topics;
import org.samepath.contracts.profile.Consent;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.profile.vocabulary.Vocabulary;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.DatabaseSnapshot;
import org.samepath.testsupport.HostileInput;
import org.samepath.testsupport.HostileRequests;
import org.samepath.testsupport.HostileRequests.Body;
import org.samepath.testsupport.HostileRequests.Case;
import org.samepath.testsupport.HostileRequests.Endpoint;
import org.samepath.testsupport.HostileRequests.Field;
import org.samepath.testsupport.HostileRequests.Param;
import org.samepath.testsupport.HostileRequests.Type;
import org.samepath.testsupport.ProfileFixtures;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated hostile requests against every profile-service endpoint, the safety and vetting ones included: broken and
 * foreign tokens, roles that are not roles, ids that are operators or unicode, bad query values, malformed JSON, wrong
 * types, values outside the vocabulary, missing and unknown fields (a {@code status} or {@code _id} smuggled into a
 * profile), bodies too deep, too long or too large, wrong content types. Each must be refused with its 4xx as
 * problem+json, leave the database exactly as it was, and publish nothing on any topic.
 *
 * <p>Cases are drawn from jqwik generators with a fixed seed (override with {@code -Dsamepath.fuzz.seed=...}) and run as
 * dynamic tests in the cached Spring context; they act on a real cast, and at the end the same endpoints with valid
 * input succeed on it, so every refusal was the input's doing.
 */
class ProfileFuzzTests extends ProfileApiTestContext {

    private static final long SEED = Long.getLong("samepath.fuzz.seed", 20261121L);
    private static final int CASES_PER_ATTACK = 4;
    private static final int UNICODE_NAMES = 40;
    private static final String ID = "[A-Za-z0-9_-]{1,64}";

    @Autowired
    Vocabulary vocabulary;

    @TestFactory
    Stream<DynamicTest> hostileRequestsAreRefusedAndChangeNothing() {
        Cast cast = cast();
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints(cast)) {
            cases.addAll(HostileRequests.cases(endpoint, tokens, SEED, CASES_PER_ATTACK));
        }
        String kafka = TestInfrastructure.shared().kafkaBootstrapServers();
        List<TopicProbe> probes = Stream.of(Topics.PROFILES, Topics.CONTACT_POINTS, Topics.SAFETY)
                .map(topic -> new TopicProbe(kafka, topic))
                .toList();
        awaitSettled();
        long settledAt = System.currentTimeMillis();

        AtomicReference<Map<String, List<String>>> state = new AtomicReference<>(DatabaseSnapshot.of(database()));
        Stream<DynamicTest> refusals = cases.stream()
                .map(hostile -> dynamicTest(
                        hostile.toString(),
                        () -> HostileRequests.assertRefusedWithoutTrace(
                                baseUrl(), hostile, () -> DatabaseSnapshot.of(database()), state)));
        Stream<DynamicTest> epilogue = Stream.of(
                dynamicTest("no event mentions the cast", () -> {
                    List<String> published = new ArrayList<>();
                    for (TopicProbe probe : probes) {
                        try (probe) {
                            published.addAll(mentioning(probe.drain(Duration.ofSeconds(1)), settledAt, cast));
                        }
                    }
                    assertThat(published).isEmpty();
                }),
                dynamicTest(
                        "the same endpoints with valid input succeed on the same cast",
                        () -> validInputSucceeds(cast)));
        return Stream.concat(refusals, epilogue);
    }

    /**
     * Unicode edge cases in free text (direction overrides, zero-width characters, NUL, combining marks, emoji, other
     * scripts) are kept exactly as sent; text that is not well-formed Unicode (an unpaired surrogate) is refused naming
     * the field, and the profile keeps the name it had.
     */
    @TestFactory
    Stream<DynamicTest> unicodeInADisplayNameIsKeptExactlyOrRefused() {
        String mentor = "mw-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.token(mentor, "MENTOR");
        String email = Cast.email(mentor);
        expect(201, api().put("/api/v1/profiles/me", token, ProfileFixtures.mentor("Wren", email)));
        AtomicReference<String> kept = new AtomicReference<>("Wren");
        return HostileInput.sample(HostileInput.unicodeText(1, 60), UNICODE_NAMES, SEED).stream()
                .map(name -> dynamicTest("displayName " + HostileInput.printable(name), () -> {
                    String literal = HostileInput.jsonString(name);
                    Response saved = api().put(
                                    "/api/v1/profiles/me",
                                    token,
                                    ProfileFixtures.mentor(literal.substring(1, literal.length() - 1), email));
                    boolean acceptable =
                            HostileInput.isWellFormed(name) && !name.trim().isEmpty();
                    if (acceptable) {
                        expect(200, saved);
                        kept.set(name);
                    } else {
                        expect(400, saved);
                        assertThat(saved.isProblem()).as(saved.toString()).isTrue();
                        assertThat(saved.json().get("errors").findValuesAsString("field"))
                                .containsExactly("displayName");
                    }
                    assertThat(api().get("/api/v1/profiles/me", token)
                                    .json()
                                    .get("displayName")
                                    .asString())
                            .as("read back")
                            .isEqualTo(kept.get());
                }));
    }

    /** Every profile-service endpoint as its rightful caller uses it on the cast. */
    private List<Endpoint> endpoints(Cast cast) {
        String coordinator = cast.token(cast.coordinator());
        String newcomer = cast.token(cast.newcomer());
        Body reason = Body.of(Map.of("reason", "references checked"), Field.text("reason", false, 500))
                .orNone();
        return List.of(
                Endpoint.of("PUT", "/api/v1/profiles/me", cast.token(cast.pendingMentor()))
                        .body(mentorProfile(cast.pendingMentor())),
                Endpoint.of("GET", "/api/v1/profiles/me", newcomer),
                Endpoint.of("DELETE", "/api/v1/profiles/me", cast.token(cast.erasableNewcomer())),
                Endpoint.of("GET", "/api/v1/profiles/{id}", coordinator)
                        .id(cast.newcomer())
                        .anyRole(),
                Endpoint.of("GET", "/api/v1/profiles/{id}/audit", coordinator).id(cast.newcomer()),
                Endpoint.of("GET", "/api/v1/mentors", coordinator)
                        .params(Param.converted("status", ProfileStatus.class)),
                Endpoint.of("POST", "/api/v1/mentors/{id}/approve", coordinator)
                        .id(cast.pendingMentor())
                        .body(reason),
                Endpoint.of("POST", "/api/v1/mentors/{id}/suspend", coordinator)
                        .id(cast.approvedMentor())
                        .body(reason),
                Endpoint.of("POST", "/api/v1/mentors/{id}/reinstate", coordinator)
                        .id(cast.suspendedMentor())
                        .body(reason),
                Endpoint.of("POST", "/api/v1/mentors/me/pause", cast.token(cast.secondApprovedMentor())),
                Endpoint.of("POST", "/api/v1/mentors/me/resume", cast.token(cast.pausedMentor())),
                Endpoint.of("POST", "/api/v1/support-requests", newcomer),
                Endpoint.of("POST", "/api/v1/reports", newcomer)
                        .body(Body.of(
                                HostileRequests.object(
                                        "subjectId",
                                        cast.proposedMentor(),
                                        "reason",
                                        "made me uncomfortable",
                                        "rematch",
                                        false),
                                Field.pattern("subjectId", true, ID),
                                Field.text("reason", true, 2000),
                                Field.flag("rematch"))));
    }

    /** The whole mentor profile, each field with the rule the service applies to it. */
    @SuppressWarnings("unchecked")
    private Body mentorProfile(String mentor) {
        Map<String, Object> valid = JsonMapper.builder()
                .build()
                .readValue(ProfileFixtures.mentor(Cast.displayName(mentor), Cast.email(mentor)), LinkedHashMap.class);
        Set<String> consents = Arrays.stream(Consent.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> languages = Set.of(Locale.getISOLanguages());
        Pattern conflict = Pattern.compile("[a-z]+:[a-z0-9-]{1,60}");
        return Body.of(
                valid,
                Field.enumeration("role", true, Set.of("NEWCOMER", "MENTOR")),
                Field.text("displayName", true, 60),
                Field.array(
                        "languages",
                        true,
                        HostileRequests.rawJson("[]"),
                        List.of("en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "fi", "pl")),
                Field.oneOf("languages[0]", false, languages),
                new Field("timeZone", Type.STRING, false, ProfileFuzzTests::isZone, 64, List.of()),
                Field.oneOf("genderIdentity", false, vocabulary.genderIdentities()),
                Field.oneOf("ageBand", false, vocabulary.ageBands()),
                Field.array("availability", false),
                Field.oneOf("availability[0]", false, vocabulary.availability()),
                Field.array("recoveryPathways", false),
                Field.oneOf("recoveryPathways[0]", false, vocabulary.recoveryPathways()),
                Field.array("livedExperience", false),
                Field.oneOf("livedExperience[0].tag", true, vocabulary.livedExperience()),
                Field.enumeration("livedExperience[0].consent", true, consents),
                Field.array("identities", false),
                Field.oneOf("identities[0].tag", true, vocabulary.identities()),
                Field.enumeration("identities[0].consent", true, consents),
                Field.object("faith", false),
                Field.oneOf("faith.value", true, vocabulary.faith()),
                Field.enumeration("faith.consent", true, consents),
                Field.array("conflicts", false),
                new Field(
                        "conflicts[0]",
                        Type.STRING,
                        false,
                        value -> conflict.matcher(value).matches()
                                && vocabulary.conflictKinds().contains(value.split(":")[0]),
                        0,
                        List.of()),
                Field.object("contact", true),
                new Field(
                        "contact.email",
                        Type.STRING,
                        true,
                        value -> value.length() <= 254 && value.contains("@"),
                        254,
                        List.of()),
                Field.flag("contact.emailOptIn"),
                Field.date("recoverySince", true, ProfileFuzzTests::isPastDate),
                Field.integer("capacity", true, 1, 10),
                Field.array(
                        "preferences",
                        false,
                        List.of(Map.of("criterion", "LANGUAGE", "value", "es", "strength", "MUST"))));
    }

    /** The valid calls the refusals were variations of: each succeeds, so the cast was there to be harmed. */
    private void validInputSucceeds(Cast cast) {
        String coordinator = cast.token(cast.coordinator());
        expect(
                200,
                api().put(
                                "/api/v1/profiles/me",
                                cast.token(cast.pendingMentor()),
                                ProfileFixtures.mentor(
                                        Cast.displayName(cast.pendingMentor()), Cast.email(cast.pendingMentor()))));
        expect(
                200,
                api().post("/api/v1/mentors/" + cast.pendingMentor() + "/approve", coordinator, "{\"reason\":\"ok\"}"));
        expect(200, api().post("/api/v1/mentors/" + cast.approvedMentor() + "/suspend", coordinator, "{}"));
        expect(
                200,
                api().send(
                                "POST",
                                "/api/v1/mentors/" + cast.suspendedMentor() + "/reinstate",
                                coordinator,
                                null,
                                null));
        expect(200, api().post("/api/v1/mentors/me/pause", cast.token(cast.secondApprovedMentor()), ""));
        expect(200, api().post("/api/v1/mentors/me/resume", cast.token(cast.pausedMentor()), ""));
        expect(
                201,
                api().post(
                                "/api/v1/reports",
                                cast.token(cast.newcomer()),
                                "{\"subjectId\":\"" + cast.proposedMentor()
                                        + "\",\"reason\":\"made me uncomfortable\"}"));
        expect(201, api().post("/api/v1/support-requests", cast.token(cast.newcomer()), ""));
        expect(204, api().delete("/api/v1/profiles/me", cast.token(cast.erasableNewcomer())));
    }

    private static void expect(int status, Response response) {
        assertThat(response.status())
                .as(HostileInput.printable(response.toString()))
                .isEqualTo(status);
    }

    /** Records published since the cast settled (the relay had sent all of its own) that name any of it. */
    private static List<String> mentioning(List<ConsumerRecord<String, byte[]>> records, long since, Cast cast) {
        return records.stream()
                .filter(record -> record.timestamp() >= since)
                .map(record -> record.key() + " " + TopicProbe.value(record))
                .filter(text -> cast.people().stream().anyMatch(text::contains))
                .toList();
    }

    private static boolean isZone(String value) {
        try {
            ZoneId.of(value);
            return value.length() <= 64;
        } catch (DateTimeException notAZone) {
            return false;
        }
    }

    private static boolean isPastDate(String value) {
        try {
            return !LocalDate.parse(value.trim()).isAfter(LocalDate.now());
        } catch (DateTimeParseException notADate) {
            return false;
        }
    }
}
