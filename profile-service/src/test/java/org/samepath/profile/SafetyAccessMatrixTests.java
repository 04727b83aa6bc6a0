package org.samepath.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * What {@code ProfileAccessMatrixTests} leaves out: the safety endpoints ("I need support now", report and block)
 * against every kind of caller, and a token from another issuer against every profile-service endpoint. Each cell
 * is one dynamic test "endpoint as caller → status"; refusals are problem+json and reveal no name or email of the
 * cast. A report is only for the two sides of a proposal or match; once made, the two lose sight of each other.
 */
class SafetyAccessMatrixTests extends ProfileApiTestContext {

    /** Who calls. The token failures present the token of the row's rightful caller, so only the token is wrong. */
    enum Caller {
        NO_TOKEN(cast -> null),
        EXPIRED_TOKEN(cast -> null),
        WRONG_SIGNATURE(cast -> null),
        ANOTHER_ISSUER(cast -> null),
        /** Has a pending proposal from {@link #PROPOSED_MENTOR}. */
        NEWCOMER(Cast::newcomer),
        OTHER_NEWCOMER(Cast::otherNewcomer),
        PROPOSED_MENTOR(Cast::proposedMentor),
        /** Approved, with no proposal or match with anyone. */
        MENTOR(Cast::unrelatedMentor),
        COORDINATOR(Cast::coordinator);

        final Function<Cast, String> person;

        Caller(Function<Cast, String> person) {
            this.person = person;
        }

        String token(Cast cast, Caller rightful) {
            String id = rightful.person.apply(cast);
            return switch (this) {
                case NO_TOKEN -> null;
                case EXPIRED_TOKEN -> tokens.expiredToken(id, Cast.role(id));
                case WRONG_SIGNATURE -> tokens.tokenWithWrongSignature(id, Cast.role(id));
                case ANOTHER_ISSUER -> tokens.tokenFromAnotherIssuer(id, Cast.role(id));
                default -> cast.token(person.apply(cast));
            };
        }
    }

    @FunctionalInterface
    interface Call {
        Response send(ApiClient api, Cast cast, String token);
    }

    /** One endpoint's row; a row that changes something plays on a cast of its own. */
    record Row(
            String endpoint,
            Caller rightful,
            boolean changesSomething,
            Call call,
            Map<Caller, Integer> expected,
            Map<Caller, BiConsumer<Cast, JsonNode>> checks) {

        Row(String endpoint, Caller rightful, boolean changesSomething, Call call) {
            this(endpoint, rightful, changesSomething, call, new LinkedHashMap<>(), new LinkedHashMap<>());
            expect(401, Caller.NO_TOKEN, Caller.EXPIRED_TOKEN, Caller.WRONG_SIGNATURE, Caller.ANOTHER_ISSUER);
        }

        Row expect(int status, Caller... callers) {
            for (Caller caller : callers) {
                expected.put(caller, status);
            }
            return this;
        }

        Row check(Caller caller, BiConsumer<Cast, JsonNode> check) {
            checks.put(caller, check);
            return this;
        }
    }

    private List<Row> safety() {
        return List.of(
                new Row(
                                "POST /api/v1/support-requests",
                                Caller.NEWCOMER,
                                false,
                                (api, cast, token) -> api.post("/api/v1/support-requests", token, ""))
                        .expect(201, Caller.NEWCOMER, Caller.OTHER_NEWCOMER)
                        .expect(403, Caller.PROPOSED_MENTOR, Caller.MENTOR, Caller.COORDINATOR)
                        .check(Caller.NEWCOMER, (cast, answer) -> assertThat(answer.get("crisisResources")
                                        .get(0)
                                        .get("phone")
                                        .asString())
                                .isEqualTo("988")),
                new Row(
                                "POST /api/v1/reports {proposed mentor}",
                                Caller.NEWCOMER,
                                true,
                                (api, cast, token) -> api.post("/api/v1/reports", token, report(cast.proposedMentor())))
                        .expect(201, Caller.NEWCOMER)
                        .expect(404, Caller.OTHER_NEWCOMER, Caller.MENTOR, Caller.PROPOSED_MENTOR)
                        .expect(403, Caller.COORDINATOR)
                        .check(Caller.NEWCOMER, (cast, answer) -> assertPairBlocked(cast)),
                new Row(
                                "POST /api/v1/reports {newcomer}",
                                Caller.PROPOSED_MENTOR,
                                true,
                                (api, cast, token) -> api.post("/api/v1/reports", token, report(cast.newcomer())))
                        .expect(201, Caller.PROPOSED_MENTOR)
                        .expect(404, Caller.MENTOR, Caller.OTHER_NEWCOMER, Caller.NEWCOMER)
                        .expect(403, Caller.COORDINATOR)
                        .check(Caller.PROPOSED_MENTOR, (cast, answer) -> assertPairBlocked(cast)));
    }

    @TestFactory
    Stream<DynamicNode> safetyEndpoints() {
        Cast shared = pair();
        return safety().stream().map(row -> {
            Supplier<Cast> cast = row.changesSomething() ? memoized(this::pair) : () -> shared;
            return DynamicContainer.dynamicContainer(
                    row.endpoint(),
                    row.expected().entrySet().stream()
                            .sorted(Comparator.comparing((Map.Entry<Caller, Integer> cell) -> cell.getValue() < 300))
                            .map(cell -> DynamicTest.dynamicTest(
                                    row.endpoint() + " as " + cell.getKey() + " → " + cell.getValue(),
                                    () -> assertCell(row, cell.getKey(), cell.getValue(), cast.get()))));
        });
    }

    /** The column {@code ProfileAccessMatrixTests} lacks: a well-signed token that another issuer minted is a 401. */
    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesATokenFromAnotherIssuer() {
        Cast cast = pair();
        String newcomer = cast.newcomer();
        String mentor = cast.proposedMentor();
        String coordinator = cast.coordinator();
        Map<String, String> rightfulCallers = new LinkedHashMap<>();
        rightfulCallers.put("PUT /api/v1/profiles/me", newcomer);
        rightfulCallers.put("GET /api/v1/profiles/me", newcomer);
        rightfulCallers.put("DELETE /api/v1/profiles/me", newcomer);
        rightfulCallers.put("GET /api/v1/profiles/" + newcomer, coordinator);
        rightfulCallers.put("GET /api/v1/profiles/" + newcomer + "/audit", coordinator);
        rightfulCallers.put("GET /api/v1/mentors", coordinator);
        rightfulCallers.put("POST /api/v1/mentors/" + mentor + "/approve", coordinator);
        rightfulCallers.put("POST /api/v1/mentors/" + mentor + "/suspend", coordinator);
        rightfulCallers.put("POST /api/v1/mentors/" + mentor + "/reinstate", coordinator);
        rightfulCallers.put("POST /api/v1/mentors/me/pause", mentor);
        rightfulCallers.put("POST /api/v1/mentors/me/resume", mentor);
        rightfulCallers.put("POST /api/v1/support-requests", newcomer);
        rightfulCallers.put("POST /api/v1/reports", newcomer);
        return rightfulCallers.entrySet().stream()
                .map(endpoint ->
                        DynamicTest.dynamicTest(endpoint.getKey() + " with another issuer's token → 401", () -> {
                            String[] methodAndPath = endpoint.getKey().split(" ");
                            String id = endpoint.getValue();
                            String body = methodAndPath[0].equals("PUT")
                                    ? org.samepath.testsupport.ProfileFixtures.newcomer(
                                            Cast.displayName(id), Cast.email(id))
                                    : methodAndPath[1].endsWith("reports") ? report(mentor) : null;
                            Response response = api().send(
                                            methodAndPath[0],
                                            methodAndPath[1],
                                            tokens.tokenFromAnotherIssuer(id, Cast.role(id)),
                                            body == null ? null : "application/json",
                                            body);
                            assertThat(response.status())
                                    .as(response.toString())
                                    .isEqualTo(401);
                            assertThat(response.isProblem())
                                    .as(response.toString())
                                    .isTrue();
                        }));
    }

    private void assertCell(Row row, Caller caller, int expected, Cast cast) {
        Response response = row.call().send(api(), cast, caller.token(cast, row.rightful()));

        assertThat(response.status())
                .as("%s as %s: %s", row.endpoint(), caller, response)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("a problem+json: %s", response).isTrue();
            assertThat(response.json().get("status").asInt()).isEqualTo(expected);
            assertThat(response.body()).as("a refusal reveals nobody").doesNotContain(cast.secrets());
        } else {
            BiConsumer<Cast, JsonNode> check = row.checks().get(caller);
            if (check != null) {
                check.accept(cast, response.json());
            }
        }
    }

    /** Reported: neither side may see the other's profile any more, and no second report between them is taken. */
    private void assertPairBlocked(Cast cast) {
        assertThat(api().get("/api/v1/profiles/" + cast.newcomer(), cast.token(cast.proposedMentor()))
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/api/v1/reports", cast.token(cast.newcomer()), report(cast.proposedMentor()))
                        .status())
                .isEqualTo(404);
    }

    private static String report(String subjectId) {
        return "{\"subjectId\":\"" + subjectId + "\",\"reason\":\"made me uncomfortable\",\"rematch\":true}";
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        Object[] memo = new Object[1];
        return () -> {
            if (memo[0] == null) {
                memo[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T value = (T) memo[0];
            return value;
        };
    }
}
