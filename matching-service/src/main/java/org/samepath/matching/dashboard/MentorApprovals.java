package org.samepath.matching.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * Approving a mentor is profile-service's decision (it owns the mentor's status and its audit trail). The dashboard
 * asks it on the coordinator's behalf, with the coordinator's own access token, so profile-service checks the role and
 * records who approved exactly as if the coordinator had called it directly. Its answer, problem+json included, is
 * passed back as it came.
 */
public class MentorApprovals {

    private final RestClient profileService;
    private final OAuth2AuthorizedClientRepository signedInClients;

    MentorApprovals(String profileServiceUrl, OAuth2AuthorizedClientRepository signedInClients) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        this.profileService = RestClient.builder()
                .baseUrl(profileServiceUrl)
                // Buffered, so the request declares its length (the services refuse bodies of unknown length).
                .requestFactory(new BufferingClientHttpRequestFactory(timeouts))
                .build();
        this.signedInClients = signedInClients;
    }

    ResponseEntity<String> approve(String mentorId, Authentication coordinator, HttpServletRequest request) {
        String accessToken = accessToken(coordinator, request);
        try {
            ResponseEntity<String> answer = profileService
                    .post()
                    .uri("/api/v1/mentors/{id}/approve", mentorId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .retrieve()
                    .onStatus(status -> true, (ignoredRequest, ignoredResponse) -> {})
                    .toEntity(String.class);
            if (answer.getStatusCode().is2xxSuccessful()) {
                // Not the profile itself: the page needs to know it worked, not the mentor's details.
                return ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"mentorId\":\"" + mentorId + "\",\"status\":\"APPROVED\"}");
            }
            // Only status, type and body: the upstream's framing headers (length, encoding) are not ours to repeat.
            return ResponseEntity.status(answer.getStatusCode())
                    .contentType(Optional.ofNullable(answer.getHeaders().getContentType())
                            .orElse(MediaType.APPLICATION_PROBLEM_JSON))
                    .body(answer.getBody());
        } catch (ResourceAccessException unreachable) {
            throw new ResponseStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE, "The profile service did not answer; nothing changed. Try again.");
        }
    }

    private String accessToken(Authentication caller, HttpServletRequest request) {
        if (caller instanceof JwtAuthenticationToken bearer) {
            return bearer.getToken().getTokenValue();
        }
        if (caller instanceof OAuth2AuthenticationToken signedIn) {
            OAuth2AuthorizedClient client =
                    signedInClients.loadAuthorizedClient(signedIn.getAuthorizedClientRegistrationId(), caller, request);
            if (client != null && !expired(client)) {
                return client.getAccessToken().getTokenValue();
            }
        }
        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Your sign-in has expired; sign in again.");
    }

    private static boolean expired(OAuth2AuthorizedClient client) {
        var expiresAt = client.getAccessToken().getExpiresAt();
        return expiresAt != null && expiresAt.isBefore(java.time.Instant.now());
    }
}
