package org.samepath.localstack.issuer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Body of {@code POST /dev/tokens}. Roles are validated as strings rather than bound to an enum so that an unknown role
 * is reported as a field error ({@code roles[0]}) instead of an unreadable body.
 */
record DevTokenRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1-64 of A-Z, a-z, 0-9, _ and -")
                String sub,
        @NotEmpty
                List<
                                @NotNull
                                @Pattern(
                                        regexp = "NEWCOMER|MENTOR|COORDINATOR",
                                        message = "must be one of NEWCOMER, MENTOR, COORDINATOR")
                                String>
                        roles,
        @Min(1) @Max(MAX_TTL_SECONDS) Integer ttlSeconds) {

    static final int MAX_TTL_SECONDS = 86_400;
    static final int DEFAULT_TTL_SECONDS = 3_600;

    int ttlOrDefault() {
        return ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
    }
}
