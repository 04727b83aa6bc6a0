package org.samepath.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each distinct bearer token once: checking an RSA signature was a fifth of matching-service's CPU under
 * load, and a client sends the same token with every call until it expires. The cache is keyed by the whole token
 * string (the signed content itself, so a hit is the very token that was verified), holds only tokens that passed
 * every check of the real decoder, and gives one back only while it has not expired and for at most
 * {@link #REVERIFY_AFTER}, after which it is verified again (so a signing key withdrawn from the issuer stops being
 * honoured within minutes). Bounded: when full it starts again empty.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration REVERIFY_AFTER = Duration.ofMinutes(5);
    static final int CAPACITY = 20_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    private record Verified(Jwt jwt, Instant until) {}

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified hit = verified.get(token);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.jwt();
        }
        Jwt jwt = decoder.decode(token);
        Instant until = now.plus(REVERIFY_AFTER);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (verified.size() >= CAPACITY) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, until));
        return jwt;
    }
}
