package org.samepath.localstack.issuer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/tokens}: mints an access token for any person id and roles, without a login, so that a developer or
 * a test can act as any newcomer, mentor or coordinator.
 *
 * <p>DELIBERATELY UNAUTHENTICATED - this is the development issuer and must never be deployed. The token is signed with
 * the same key the JWKS endpoint publishes, so the services accept it exactly like one from the OIDC flow.
 */
@RestController
class DevTokenController {

    /** Same scopes the dashboard's OIDC login grants, so both kinds of token look alike to a resource server. */
    private static final List<String> SCOPES = List.of("openid", "profile");

    private final JwtEncoder encoder;
    private final IssuerSettings settings;

    DevTokenController(JwtEncoder encoder, IssuerSettings settings) {
        this.encoder = encoder;
        this.settings = settings;
    }

    @PostMapping(path = "/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> issue(@Valid @RequestBody DevTokenRequest request, HttpServletRequest http) {
        Instant now = Instant.now();
        int ttl = request.ttlOrDefault();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuerUrlFor(http))
                .subject(request.sub())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plusSeconds(ttl))
                .id(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(request.roles()))
                .claim("scope", SCOPES)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token);
        response.put("token_type", "Bearer");
        response.put("expires_in", ttl);
        return response;
    }
}
