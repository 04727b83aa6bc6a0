package org.samepath.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final List<String> verifiedByTheIssuersKey = new ArrayList<>();
    private Instant now = NOW;
    private final JwtDecoder issuer = token -> {
        verifiedByTheIssuersKey.add(token);
        if (token.startsWith("forged")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofMinutes(token.startsWith("short") ? 1 : 60)))
                .build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(issuer, new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void aTokenIsVerifiedOnceAndTheSameClaimsComeBackAfterwards() {
        Jwt first = tokens.decode("newcomer-token");
        Jwt again = tokens.decode("newcomer-token");

        assertThat(again).isSameAs(first);
        assertThat(verifiedByTheIssuersKey).containsExactly("newcomer-token");
    }

    @Test
    void aTokenThatFailedIsNeverRememberedAndFailsEveryTime() {
        assertThatThrownBy(() -> tokens.decode("forged-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-token")).isInstanceOf(BadJwtException.class);

        assertThat(verifiedByTheIssuersKey).containsExactly("forged-token", "forged-token");
    }

    @Test
    void anExpiredTokenGoesBackToTheIssuersDecoderAndARememberedOneIsVerifiedAgainAfterAWhile() {
        tokens.decode("short-lived");
        tokens.decode("long-lived");
        now = NOW.plus(Duration.ofMinutes(2));
        tokens.decode("short-lived");
        tokens.decode("long-lived");
        now = NOW.plus(VerifiedTokens.REVERIFY_AFTER).plusSeconds(1);
        tokens.decode("long-lived");

        assertThat(verifiedByTheIssuersKey).containsExactly("short-lived", "long-lived", "short-lived", "long-lived");
    }
}
