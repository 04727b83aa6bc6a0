package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.ANOTHER_ISSUER;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.COORDINATOR;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.EXPIRED_TOKEN;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.MATCHED_MENTOR;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.MATCHED_NEWCOMER;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.MENTOR;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.NEWCOMER;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.NO_TOKEN;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.OTHER_MENTOR;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.OTHER_NEWCOMER;
import static org.samepath.matching.MatchingAccessMatrixTests.Caller.WRONG_SIGNATURE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
 * Who may call what on matching-service, as one table in the manner of profile-service's
 * {@code ProfileAccessMatrixTests}: every endpoint, the coordinator dashboard's included, against no token, an expired token, a token signed by a stranger, a token from another issuer, and every kind of person in a
 * cast: the newcomer with a pending proposal, its proposed mentor, a coordinator, a newcomer and a mentor with nothing
 * to do with it, and a matched pair. Each cell is one dynamic test "endpoint as caller → status"; refusals must be
 * problem+json and name none of the cast; successes are checked for showing the caller their own things only.
 *
 * <p>Read-only rows share one cast. A row that changes something gets a fresh cast: its refusals run first, then its
 * first success on the same cast (so the refusals demonstrably left it able to succeed), and any further success on
 * a cast of its own.
 */
class MatchingAccessMatrixTests extends MatchingApiTestContext {

    /** Who calls. The token failures present the token of the row's rightful caller, so only the token is wrong. */
    enum Caller {
        NO_TOKEN,
        EXPIRED_TOKEN,
        WRONG_SIGNATURE,
        ANOTHER_ISSUER,
        NEWCOMER,
        MENTOR,
        COORDINATOR,
        OTHER_NEWCOMER,
        OTHER_MENTOR,
        MATCHED_NEWCOMER,
        MATCHED_MENTOR;

        String id(Cast cast) {
            return switch (this) {
                case NEWCOMER -> cast.newcomer();
                case MENTOR -> cast.mentor();
                case COORDINATOR -> cast.coordinator();
                case OTHER_NEWCOMER -> cast.freeNewcomer();
                case OTHER_MENTOR -> cast.otherMentor();
                case MATCHED_NEWCOMER -> cast.matchedNewcomer();
                case MATCHED_MENTOR -> cast.matchedMentor();
                default -> throw new IllegalArgumentException(name() + " is no person");
            };
        }

        String token(Cast cast, Caller rightful) {
            return switch (this) {
                case NO_TOKEN -> null;
                case EXPIRED_TOKEN -> tokens.expiredToken(rightful.id(cast), role(rightful));
                case WRONG_SIGNATURE -> tokens.tokenWithWrongSignature(rightful.id(cast), role(rightful));
                case ANOTHER_ISSUER -> tokens.tokenFromAnotherIssuer(rightful.id(cast), role(rightful));
                default -> cast.token(id(cast));
            };
        }

        private static String role(Caller caller) {
            return switch (caller) {
                case COORDINATOR -> "COORDINATOR";
                case MENTOR, OTHER_MENTOR, MATCHED_MENTOR -> "MENTOR";
                default -> "NEWCOMER";
            };
        }
    }

    @FunctionalInterface
    interface Call {
        Response send(ApiClient api, Cast cast, String token);
    }

    /** One endpoint's row of the matrix. */
    static final class Row {
        final String endpoint;
        final Caller rightful;
        final boolean changesSomething;
        final Call call;
        final Map<Caller, Integer> expected = new LinkedHashMap<>();
        final Map<Caller, BiConsumer<Cast, JsonNode>> checks = new EnumMap<>(Caller.class);

        Row(String endpoint, Caller rightful, boolean changesSomething, Call call) {
            this.endpoint = endpoint;
            this.rightful = rightful;
            this.changesSomething = changesSomething;
            this.call = call;
            expect(401, NO_TOKEN, EXPIRED_TOKEN, WRONG_SIGNATURE, ANOTHER_ISSUER);
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

    private static Row reads(String endpoint, Caller rightful, Call call) {
        return new Row(endpoint, rightful, false, call);
    }

    private static Row changes(String endpoint, Caller rightful, Call call) {
        return new Row(endpoint, rightful, true, call);
    }

    private static List<Row> matrix() {
        return List.of(
                changes(
                                "POST /api/v1/match-requests",
                                OTHER_NEWCOMER,
                                (api, cast, token) -> api.post("/api/v1/match-requests", token, "{}"))
                        .expect(202, OTHER_NEWCOMER)
                        .expect(409, NEWCOMER, MATCHED_NEWCOMER)
                        .expect(403, MENTOR, OTHER_MENTOR, MATCHED_MENTOR, COORDINATOR),
                reads(
                                "GET /api/v1/match-requests/{request}",
                                NEWCOMER,
                                (api, cast, token) -> api.get("/api/v1/match-requests/" + cast.request(), token))
                        .expect(200, NEWCOMER, COORDINATOR)
                        .expect(404, OTHER_NEWCOMER, MATCHED_NEWCOMER)
                        .expect(403, MENTOR, OTHER_MENTOR, MATCHED_MENTOR)
                        .check(NEWCOMER, isRequest())
                        .check(COORDINATOR, isRequest()),
                reads(
                                "GET /api/v1/match-requests",
                                NEWCOMER,
                                (api, cast, token) -> api.get("/api/v1/match-requests", token))
                        .expect(200, NEWCOMER, COORDINATOR, OTHER_NEWCOMER, MATCHED_NEWCOMER)
                        .expect(403, MENTOR, OTHER_MENTOR, MATCHED_MENTOR)
                        .check(NEWCOMER, lists(Cast::request, true))
                        .check(COORDINATOR, lists(Cast::request, true))
                        .check(OTHER_NEWCOMER, lists(Cast::request, false))
                        .check(MATCHED_NEWCOMER, lists(Cast::request, false)),
                reads(
                                "GET /api/v1/match-requests/{unknown}",
                                COORDINATOR,
                                (api, cast, token) -> api.get("/api/v1/match-requests/r-nobody-" + cast.tag(), token))
                        .expect(404, COORDINATOR, NEWCOMER),
                changes(
                                "POST /api/v1/match-requests/{request}/withdraw",
                                NEWCOMER,
                                (api, cast, token) ->
                                        api.post("/api/v1/match-requests/" + cast.request() + "/withdraw", token, ""))
                        .expect(200, NEWCOMER)
                        .expect(404, OTHER_NEWCOMER, MATCHED_NEWCOMER)
                        .expect(403, MENTOR, OTHER_MENTOR, COORDINATOR)
                        .check(NEWCOMER, (cast, view) -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("WITHDRAWN")),
                reads(
                                "GET /api/v1/match-requests/{request}/provenance",
                                COORDINATOR,
                                (api, cast, token) ->
                                        api.get("/api/v1/match-requests/" + cast.request() + "/provenance", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NEWCOMER, MENTOR, OTHER_NEWCOMER, OTHER_MENTOR, MATCHED_NEWCOMER, MATCHED_MENTOR)
                        .check(COORDINATOR, (cast, view) -> assertThat(view.toString())
                                .contains(cast.newcomer(), "PROPOSED")),
                reads(
                                "GET /api/v1/match-requests/{unknown}/provenance",
                                COORDINATOR,
                                (api, cast, token) ->
                                        api.get("/api/v1/match-requests/r-nobody-" + cast.tag() + "/provenance", token))
                        .expect(404, COORDINATOR),
                changes(
                                "POST /api/v1/match-requests/{request}/assign",
                                COORDINATOR,
                                (api, cast, token) -> api.post(
                                        "/api/v1/match-requests/" + cast.request() + "/assign",
                                        token,
                                        "{\"mentorId\":\"" + cast.otherMentor() + "\"}"))
                        .expect(200, COORDINATOR)
                        .expect(403, NEWCOMER, MENTOR, OTHER_MENTOR, OTHER_NEWCOMER)
                        .check(COORDINATOR, (cast, view) -> assertThat(
                                        view.at("/currentProposal/mentorId").asString())
                                .isEqualTo(cast.otherMentor())),
                reads(
                                "POST /api/v1/match-requests/{unknown}/assign",
                                COORDINATOR,
                                (api, cast, token) -> api.post(
                                        "/api/v1/match-requests/r-nobody-" + cast.tag() + "/assign",
                                        token,
                                        "{\"mentorId\":\"" + cast.otherMentor() + "\"}"))
                        .expect(404, COORDINATOR),
                reads("GET /api/v1/proposals", MENTOR, (api, cast, token) -> api.get("/api/v1/proposals", token))
                        .expect(200, MENTOR, OTHER_MENTOR, MATCHED_MENTOR)
                        .expect(403, NEWCOMER, COORDINATOR, OTHER_NEWCOMER, MATCHED_NEWCOMER)
                        .check(MENTOR, lists(Cast::proposal, true))
                        .check(OTHER_MENTOR, lists(Cast::proposal, false))
                        .check(MATCHED_MENTOR, lists(Cast::proposal, false)),
                changes(
                                "POST /api/v1/proposals/{proposal}/accept",
                                MENTOR,
                                (api, cast, token) ->
                                        api.post("/api/v1/proposals/" + cast.proposal() + "/accept", token, ""))
                        .expect(200, MENTOR)
                        .expect(404, OTHER_MENTOR, MATCHED_MENTOR)
                        .expect(403, NEWCOMER, COORDINATOR, OTHER_NEWCOMER)
                        .check(MENTOR, (cast, view) -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("ACCEPTED")),
                changes(
                                "POST /api/v1/proposals/{proposal}/decline",
                                MENTOR,
                                (api, cast, token) -> api.post(
                                        "/api/v1/proposals/" + cast.proposal() + "/decline",
                                        token,
                                        "{\"reason\":\"I am travelling this month\"}"))
                        .expect(200, MENTOR)
                        .expect(404, OTHER_MENTOR, MATCHED_MENTOR)
                        .expect(403, NEWCOMER, COORDINATOR, OTHER_NEWCOMER)
                        .check(MENTOR, (cast, view) -> assertThat(
                                        view.get("status").asString())
                                .isEqualTo("DECLINED")),
                reads(
                                "POST /api/v1/proposals/{unknown}/accept",
                                MENTOR,
                                (api, cast, token) ->
                                        api.post("/api/v1/proposals/p-nobody-" + cast.tag() + "/accept", token, ""))
                        .expect(404, MENTOR),
                reads("GET /api/v1/matches", MATCHED_NEWCOMER, (api, cast, token) -> api.get("/api/v1/matches", token))
                        .expect(
                                200,
                                MATCHED_NEWCOMER,
                                MATCHED_MENTOR,
                                COORDINATOR,
                                NEWCOMER,
                                MENTOR,
                                OTHER_NEWCOMER,
                                OTHER_MENTOR)
                        .check(MATCHED_NEWCOMER, lists(Cast::match, true))
                        .check(MATCHED_MENTOR, lists(Cast::match, true))
                        .check(COORDINATOR, lists(Cast::match, true))
                        .check(NEWCOMER, lists(Cast::match, false))
                        .check(MENTOR, lists(Cast::match, false))
                        .check(OTHER_NEWCOMER, lists(Cast::match, false))
                        .check(OTHER_MENTOR, lists(Cast::match, false)),
                changes(
                                "POST /api/v1/matches/{match}/end",
                                MATCHED_NEWCOMER,
                                (api, cast, token) -> api.post(
                                        "/api/v1/matches/" + cast.match() + "/end",
                                        token,
                                        "{\"reason\":\"not a good fit\"}"))
                        .expect(200, MATCHED_NEWCOMER, MATCHED_MENTOR, COORDINATOR)
                        .expect(404, NEWCOMER, OTHER_NEWCOMER, MENTOR, OTHER_MENTOR)
                        .check(MATCHED_NEWCOMER, matchIs("ENDED"))
                        .check(MATCHED_MENTOR, matchIs("ENDED"))
                        .check(COORDINATOR, matchIs("ENDED")),
                changes(
                                "POST /api/v1/matches/{match}/pause",
                                COORDINATOR,
                                (api, cast, token) -> api.post("/api/v1/matches/" + cast.match() + "/pause", token, ""))
                        .expect(200, COORDINATOR)
                        .expect(403, MATCHED_NEWCOMER, MATCHED_MENTOR, NEWCOMER, MENTOR)
                        .check(COORDINATOR, matchIs("PAUSED")),
                reads(
                                "POST /api/v1/matches/{unknown}/end",
                                COORDINATOR,
                                (api, cast, token) -> api.post(
                                        "/api/v1/matches/m-nobody-" + cast.tag() + "/end",
                                        token,
                                        "{\"reason\":\"not a good fit\"}"))
                        .expect(404, COORDINATOR, MATCHED_NEWCOMER),
                reads("GET /api/v1/dashboard", COORDINATOR, (api, cast, token) -> api.get("/api/v1/dashboard", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NOT_COORDINATORS)
                        .check(COORDINATOR, (cast, view) -> assertThat(
                                        view.at("/mentors/slotsTotal").asInt())
                                .as("the cast's mentors' slots are counted")
                                .isGreaterThanOrEqualTo(2)),
                // The stream's success is DashboardTests' (a cell would wait on an open stream); here its refusals.
                reads(
                                "GET /api/v1/dashboard/stream",
                                COORDINATOR,
                                (api, cast, token) -> api.get("/api/v1/dashboard/stream", token))
                        .expect(403, NOT_COORDINATORS),
                reads("GET /api/v1/alerts", COORDINATOR, (api, cast, token) -> api.get("/api/v1/alerts", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NOT_COORDINATORS)
                        .check(COORDINATOR, (cast, view) -> assertThat(view.isArray())
                                .isTrue()),
                reads(
                                "POST /api/v1/alerts/{unknown}/acknowledge",
                                COORDINATOR,
                                (api, cast, token) ->
                                        api.post("/api/v1/alerts/a-nobody-" + cast.tag() + "/acknowledge", token, "{}"))
                        .expect(404, COORDINATOR)
                        .expect(403, NOT_COORDINATORS),
                reads(
                                "GET /api/v1/match-requests/{request}/assignment-options",
                                COORDINATOR,
                                (api, cast, token) -> api.get(
                                        "/api/v1/match-requests/" + cast.request() + "/assignment-options", token))
                        .expect(200, COORDINATOR)
                        .expect(403, NOT_COORDINATORS)
                        .check(COORDINATOR, (cast, view) -> assertThat(view.findValuesAsString("mentorId"))
                                .as("the free mentor who speaks the newcomer's language is an option")
                                .contains(cast.otherMentor())),
                reads(
                                "GET /api/v1/match-requests/{unknown}/assignment-options",
                                COORDINATOR,
                                (api, cast, token) -> api.get(
                                        "/api/v1/match-requests/r-nobody-" + cast.tag() + "/assignment-options", token))
                        .expect(404, COORDINATOR),
                // A coordinator's approval is relayed to profile-service, which is not running beside these tests:
                // the relay answers 503 and changes nothing. DashboardBrowserTests approves through the real one.
                // (A mentor id not of the cast: refusals echo the path, and the cast's names must not appear.)
                reads(
                                "POST /api/v1/dashboard/mentors/{mentor}/approve",
                                COORDINATOR,
                                (api, cast, token) -> api.post(
                                        "/api/v1/dashboard/mentors/m-pending-" + cast.tag() + "/approve", token, ""))
                        .expect(503, COORDINATOR)
                        .expect(403, NOT_COORDINATORS));
    }

    /** Every person of the cast who is not a coordinator. */
    private static final Caller[] NOT_COORDINATORS = {
        NEWCOMER, MENTOR, OTHER_NEWCOMER, OTHER_MENTOR, MATCHED_NEWCOMER, MATCHED_MENTOR
    };

    @TestFactory
    Stream<DynamicNode> accessMatrix() {
        Cast shared = cast();
        return matrix().stream().map(row -> DynamicContainer.dynamicContainer(row.endpoint, cells(row, shared)));
    }

    /** Refusals first, then successes; a changing row's first success shares the refusals' cast. */
    private Stream<DynamicTest> cells(Row row, Cast shared) {
        Supplier<Cast> rowCast = row.changesSomething ? memoized(this::cast) : () -> shared;
        List<DynamicTest> cells = new ArrayList<>();
        boolean[] firstSuccess = {true};
        row.expected.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Caller, Integer> cell) -> cell.getValue() < 300))
                .forEach(cell -> {
                    boolean ownCast = row.changesSomething && cell.getValue() < 300 && !firstSuccess[0];
                    if (cell.getValue() < 300) {
                        firstSuccess[0] = false;
                    }
                    Supplier<Cast> castOfCell = ownCast ? this::cast : rowCast;
                    cells.add(DynamicTest.dynamicTest(
                            row.endpoint + " as " + cell.getKey() + " → " + cell.getValue(),
                            () -> assertCell(row, cell.getKey(), cell.getValue(), castOfCell.get())));
                });
        return cells.stream();
    }

    private void assertCell(Row row, Caller caller, int expected, Cast cast) {
        Response response = row.call.send(api(), cast, caller.token(cast, row.rightful));

        assertThat(response.status())
                .as("%s as %s: %s", row.endpoint, caller, response)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("a problem+json: %s", response).isTrue();
            assertThat(response.json().get("status").asInt()).isEqualTo(expected);
            assertThat(response.body())
                    .as("a refusal names nobody of the cast")
                    .doesNotContain(cast.people().toArray(String[]::new));
        } else {
            assertThat(response.contentType()).startsWith("application/json");
            BiConsumer<Cast, JsonNode> check = row.checks.get(caller);
            if (check != null) {
                check.accept(cast, response.json());
            }
        }
    }

    private static BiConsumer<Cast, JsonNode> isRequest() {
        return (cast, view) -> {
            assertThat(view.get("id").asString()).isEqualTo(cast.request());
            assertThat(view.get("newcomerId").asString()).isEqualTo(cast.newcomer());
        };
    }

    /** A list response that does or does not show the cast's item ({@code id} or, for proposals, its inner id). */
    private static BiConsumer<Cast, JsonNode> lists(Function<Cast, String> item, boolean shown) {
        return (cast, list) -> {
            assertThat(list.isArray()).as(list.toString()).isTrue();
            List<String> ids = new ArrayList<>();
            list.forEach(entry -> ids.add(
                    entry.has("proposal")
                            ? entry.get("proposal").get("id").asString()
                            : entry.get("id").asString()));
            if (shown) {
                assertThat(ids).contains(item.apply(cast));
            } else {
                assertThat(ids).doesNotContain(item.apply(cast));
            }
        };
    }

    private static BiConsumer<Cast, JsonNode> matchIs(String status) {
        return (cast, view) -> assertThat(view.get("status").asString()).isEqualTo(status);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        List<T> memo = new ArrayList<>(1);
        return () -> {
            if (memo.isEmpty()) {
                memo.add(supplier.get());
            }
            return memo.get(0);
        };
    }
}
