package org.samepath.matching.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where coordinators sign in to the dashboard (OpenID Connect, authorization code with PKCE, a public client). The
 * endpoints are given rather than discovered at start-up, so matching-service starts while the provider is down, and
 * so that the browser-facing authorization address may differ from the one this service reaches (docker-compose).
 *
 * @param issuer the {@code iss} the ID token must carry
 * @param authorizationUri where the browser is sent to sign in
 * @param tokenUri where this service redeems the code
 * @param jwkSetUri the keys that sign the ID token
 */
@ConfigurationProperties("samepath.dashboard.sign-in")
public record SignInProperties(
        String issuer, String clientId, String authorizationUri, String tokenUri, String jwkSetUri) {}
