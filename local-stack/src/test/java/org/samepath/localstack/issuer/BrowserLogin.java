package org.samepath.localstack.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the authorization code + PKCE flow the way a browser would: one cookie jar, redirects followed by hand so
 * that the final redirect to the (not running) dashboard can be inspected instead of followed.
 */
final class BrowserLogin {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final String issuer;
    private final String redirectUri;
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    final String codeVerifier = randomUrlSafe(48);

    BrowserLogin(String issuer, String redirectUri) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
    }

    /** Starts at the authorize endpoint, signs in when asked, and returns the code the dashboard would receive. */
    String authorizationCode(String username, String password) throws Exception {
        String authorize = issuer + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type", "code",
                        "client_id", DevTokenIssuer.DASHBOARD_CLIENT_ID,
                        "scope", "openid profile",
                        "redirect_uri", redirectUri,
                        "state", "state-1",
                        "nonce", "nonce-1",
                        "code_challenge", s256(codeVerifier),
                        "code_challenge_method", "S256"));
        HttpResponse<String> response = get(authorize);
        if (location(response).endsWith("/login")) {
            HttpResponse<String> loginPage = get(location(response));
            Matcher csrf = CSRF_INPUT.matcher(loginPage.body());
            assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
            HttpResponse<String> loggedIn =
                    post(issuer + "/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            assertThat(location(loggedIn)).as("back to the authorize endpoint").contains("/oauth2/authorize");
            response = get(location(loggedIn));
        }
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).startsWith(redirectUri + "?").contains("state=state-1");
        Matcher code = CODE.matcher(location(response));
        assertThat(code.find()).as("code in " + location(response)).isTrue();
        return URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    /** The token request the dashboard's back end makes; {@code verifier} null leaves the PKCE proof out. */
    HttpResponse<String> exchange(String code, String verifier) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("client_id", DevTokenIssuer.DASHBOARD_CLIENT_ID);
        if (verifier != null) {
            parameters.put("code_verifier", verifier);
        }
        return HttpClient.newHttpClient().send(formPost(issuer + "/oauth2/token", parameters), body());
    }

    private HttpResponse<String> get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html,application/xhtml+xml")
                .build();
        return browser.send(request, body());
    }

    private HttpResponse<String> post(String url, Map<String, String> parameters) throws Exception {
        return browser.send(formPost(url, parameters), body());
    }

    private static HttpRequest formPost(String url, Map<String, String> parameters) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                .build();
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }
}
