package org.samepath.localstack.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevTokenIssuerTests {

    private static final String REDIRECT_URI = "http://127.0.0.1:8082/login/oauth2/code/samepath";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext context;
    private static String issuer;

    @BeforeAll
    static void startIssuer() throws Exception {
        // The issuer URL must name the real port, so pick a free one first rather than start on port 0.
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        issuer = "http://127.0.0.1:" + port;
        context = DevTokenIssuer.start(port, issuer, List.of(REDIRECT_URI));
    }

    @AfterAll
    static void stopIssuer() {
        context.close();
    }

    @Test
    void discoveryDocumentPublishesIssuerEndpointsAndPkceS256() throws Exception {
        JsonNode discovery = json(get("/.well-known/openid-configuration"));

        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery
                        .get("code_challenge_methods_supported")
                        .valueStream()
                        .map(JsonNode::asString))
                .contains("S256");
    }

    @Test
    void devTokenIsSignedWithThePublishedKeyAndCarriesSubRolesAndIssuer() throws Exception {
        HttpResponse<String> response =
                postJson("{\"sub\": \"mentor-42\", \"roles\": [\"MENTOR\", \"COORDINATOR\"], \"ttlSeconds\": 600}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(600);
        Jwt jwt = decode(body.get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("mentor-42");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("MENTOR", "COORDINATOR");
        assertThat(jwt.getIssuer()).hasToString(issuer);
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getClaimAsStringList("scope")).isNotEmpty();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void devTokenLivesOneHourByDefault() throws Exception {
        JsonNode body = json(postJson("{\"sub\": \"newcomer_1\", \"roles\": [\"NEWCOMER\"]}"));

        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        Jwt jwt = decode(body.get("access_token").asString());
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
    }

    static Stream<Arguments> invalidDevTokenRequests() {
        return Stream.of(
                Arguments.of("{\"sub\": \"has space\", \"roles\": [\"MENTOR\"]}", "sub"),
                Arguments.of("{\"sub\": \"" + "a".repeat(65) + "\", \"roles\": [\"MENTOR\"]}", "sub"),
                Arguments.of("{\"roles\": [\"MENTOR\"]}", "sub"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": [\"ADMIN\"]}", "roles[0]"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": []}", "roles"),
                Arguments.of("{\"sub\": \"alex\"}", "roles"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": [\"MENTOR\"], \"ttlSeconds\": 0}", "ttlSeconds"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": [\"MENTOR\"], \"ttlSeconds\": 86401}", "ttlSeconds"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": [\"MENTOR\"], \"ttlSeconds\": \"long\"}", "ttlSeconds"),
                Arguments.of("{\"sub\": \"alex\", \"roles\": [\"MENTOR\"", "body"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest
    @MethodSource("invalidDevTokenRequests")
    void invalidDevTokenRequestIsRejectedWithProblemNamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = postJson(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblemNaming(response, field);
    }

    @Test
    void devTokenRequestInAnotherContentTypeIsRejectedWith415Problem() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/dev/tokens"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("sub=alex"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertProblemNaming(response, "Content-Type");
    }

    @Test
    void helpPageShowsDiscoveryUrlCurlExampleAndDemoUsers() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(issuer + "/.well-known/openid-configuration", "curl", "/dev/tokens")
                .contains("coordinator", "mentor", "newcomer", "never deploy");
    }

    @Test
    void browserLoginWithPkceYieldsAccessAndIdTokensCarryingTheUsersRoles() throws Exception {
        BrowserLogin browser = new BrowserLogin(issuer, REDIRECT_URI);
        String code = browser.authorizationCode("coordinator", "samepath");

        HttpResponse<String> response = browser.exchange(code, browser.codeVerifier);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = json(response);
        for (String token : List.of(
                tokens.get("access_token").asString(), tokens.get("id_token").asString())) {
            Jwt jwt = decode(token);
            assertThat(jwt.getSubject()).isEqualTo("coordinator");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("COORDINATOR");
            assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        }
    }

    @Test
    void codeExchangeWithoutTheVerifierIsRejected() throws Exception {
        BrowserLogin browser = new BrowserLogin(issuer, REDIRECT_URI);
        String code = browser.authorizationCode("mentor", "samepath");

        HttpResponse<String> response = browser.exchange(code, null);

        // Without code_verifier a public client cannot authenticate at all (PKCE is its only proof), so the token
        // endpoint answers 401 before it looks at the code.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void startsOnAFreePortWhenAskedForPortZeroAndDerivesTheIssuerFromRequests() throws Exception {
        try (ConfigurableApplicationContext ephemeral = DevTokenIssuer.start(0, null, List.of(REDIRECT_URI))) {
            String base = "http://127.0.0.1:" + DevTokenIssuer.port(ephemeral);
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(DevTokenIssuer.port(ephemeral)).isPositive();
            assertThat(json(response).get("issuer").asString()).isEqualTo(base);
        }
    }

    private static void assertProblemNaming(HttpResponse<String> response, String field) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("detail").asString()).contains(field);
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field")
                        .asString()))
                .contains(field);
    }

    private static Jwt decode(String token) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder.decode(token);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
