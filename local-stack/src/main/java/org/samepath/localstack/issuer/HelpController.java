package org.samepath.localstack.issuer;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: how to use the issuer, for whoever opens its URL printed by the launcher. */
@RestController
class HelpController {

    private final IssuerSettings settings;

    HelpController(IssuerSettings settings) {
        this.settings = settings;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    String help(HttpServletRequest request) {
        String issuer = settings.issuerUrlFor(request);
        return """
                Samepath development token issuer - LOCAL DEVELOPMENT ONLY, never deploy it.

                OpenID Connect discovery: %1$s/.well-known/openid-configuration
                JWK set:                  %1$s/oauth2/jwks

                A token for any person id and roles (NEWCOMER, MENTOR, COORDINATOR; ttlSeconds 1-86400, default 3600):
                  curl -s -X POST %1$s/dev/tokens -H 'Content-Type: application/json' \\
                       -d '{"sub": "alex-01", "roles": ["NEWCOMER"]}'

                Browser login (authorization code + PKCE, public client "%2$s"), demo users, password "%3$s":
                  coordinator (COORDINATOR), mentor (MENTOR), newcomer (NEWCOMER)
                """
                .formatted(issuer, DevTokenIssuer.DASHBOARD_CLIENT_ID, DevTokenIssuer.DEMO_PASSWORD);
    }
}
