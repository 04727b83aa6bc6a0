package org.samepath.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A minimal token issuer for service tests: one RSA key whose JWK set is served over HTTP, exactly where a service's
 * resource-server configuration fetches it, and tokens minted with it (plus expired and wrongly signed ones for the
 * negative cases). The full OIDC issuer of the local stack is tested separately.
 */
public final class TestTokenIssuer {

    private static TestTokenIssuer shared;

    private final RSAKey signingKey;
    private final RSAKey strangerKey;
    private final HttpServer server;

    private TestTokenIssuer() {
        try {
            signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    public static synchronized TestTokenIssuer shared() {
        if (shared == null) {
            shared = new TestTokenIssuer();
        }
        return shared;
    }

    public String issuerUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuerUri() + "/oauth2/jwks";
    }

    /** A valid token for {@code personId} with the given roles (NEWCOMER, MENTOR, COORDINATOR). */
    public String token(String personId, String... roles) {
        return sign(signingKey, claims(personId, issuerUri(), Instant.now().plus(Duration.ofHours(1)), roles));
    }

    public String expiredToken(String personId, String... roles) {
        return sign(signingKey, claims(personId, issuerUri(), Instant.now().minus(Duration.ofHours(1)), roles));
    }

    /** Well-formed and with the right key id, but signed by a key the service does not trust. */
    public String tokenWithWrongSignature(String personId, String... roles) {
        return sign(strangerKey, claims(personId, issuerUri(), Instant.now().plus(Duration.ofHours(1)), roles));
    }

    public String tokenFromAnotherIssuer(String personId, String... roles) {
        return sign(
                signingKey, claims(personId, "http://127.0.0.1:1", Instant.now().plus(Duration.ofHours(1)), roles));
    }

    private static JWTClaimsSet claims(String personId, String issuer, Instant expiresAt, String... roles) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(personId)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of(roles))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
