package org.samepath.loaddriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few Samepath endpoints the driver calls, as a person with a development token would. */
final class StackApi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Longer than any run, shorter than the issuer's maximum of a day. */
    private static final int TOKEN_TTL_SECONDS = 4 * 3600;

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final DriverOptions options;
    private final ExecutorService executor;
    private final HttpClient http;

    StackApi(DriverOptions options) {
        this.options = options;
        this.executor = DaemonThreads.fixedPool("api-http", 2);
        // HTTP/1.1 explicitly: the default would offer an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** An HTTP answer: status and body; {@code json()} parses the body. */
    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    CompletableFuture<String> token(String personId, String role) {
        Map<String, Object> claims = Map.of("sub", personId, "roles", List.of(role), "ttlSeconds", TOKEN_TTL_SECONDS);
        return call("POST", options.issuerUrl() + "/dev/tokens", null, claims).thenApply(reply -> {
            if (!reply.ok()) {
                throw new IllegalStateException("token for " + personId + ": " + reply.status() + " " + reply.body());
            }
            return reply.text("access_token");
        });
    }

    CompletableFuture<Reply> putProfile(String token, Map<String, Object> profile) {
        return call("PUT", options.profileUrl() + "/api/v1/profiles/me", token, profile);
    }

    CompletableFuture<Reply> approveMentor(String coordinatorToken, String mentorId) {
        return call("POST", options.profileUrl() + "/api/v1/mentors/" + mentorId + "/approve", coordinatorToken, null);
    }

    CompletableFuture<Reply> submitMatchRequest(String newcomerToken) {
        return call("POST", options.matchingUrl() + "/api/v1/match-requests", newcomerToken, Map.of());
    }

    CompletableFuture<Reply> acceptProposal(String mentorToken, String proposalId) {
        return call("POST", options.matchingUrl() + "/api/v1/proposals/" + proposalId + "/accept", mentorToken, null);
    }

    CompletableFuture<Reply> withdrawRequest(String newcomerToken, String requestId) {
        return call(
                "POST",
                options.matchingUrl() + "/api/v1/match-requests/" + requestId + "/withdraw",
                newcomerToken,
                null);
    }

    /** Either party ends a match, without asking for a new mentor. */
    CompletableFuture<Reply> endMatch(String token, String matchId, String reason) {
        return call(
                "POST",
                options.matchingUrl() + "/api/v1/matches/" + matchId + "/end",
                token,
                Map.of("reason", reason, "rematch", false));
    }

    CompletableFuture<Reply> matchRequest(String token, String requestId) {
        return call("GET", options.matchingUrl() + "/api/v1/match-requests/" + requestId, token, null);
    }

    /** The newcomer's own requests, newest first. */
    CompletableFuture<Reply> newcomerRequests(String newcomerToken) {
        return call("GET", options.matchingUrl() + "/api/v1/match-requests", newcomerToken, null);
    }

    /** The newest hundred notifications of the token's holder. */
    CompletableFuture<Reply> inbox(String token) {
        return call("GET", options.notificationUrl() + "/api/v1/notifications?size=100", token, null);
    }

    CompletableFuture<Reply> prometheus(String serviceUrl) {
        return call("GET", serviceUrl + "/actuator/prometheus", null, null, "text/plain");
    }

    CompletableFuture<Reply> call(String method, String url, String token, Object body) {
        return call(method, url, token, body, "application/json");
    }

    private CompletableFuture<Reply> call(String method, String url, String token, Object body, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.body()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
