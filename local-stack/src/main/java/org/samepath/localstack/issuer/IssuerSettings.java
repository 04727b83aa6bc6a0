package org.samepath.localstack.issuer;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the launcher decides about the issuer; registered as a bean before the context refreshes. */
record IssuerSettings(String issuerUrl, List<String> dashboardRedirectUris) {

    IssuerSettings {
        if (issuerUrl != null && issuerUrl.isBlank()) {
            issuerUrl = null;
        }
        if (issuerUrl != null && issuerUrl.endsWith("/")) {
            // Discovery appends "/.well-known/...": a trailing slash would make iss differ from what clients expect.
            issuerUrl = issuerUrl.substring(0, issuerUrl.length() - 1);
        }
        if (dashboardRedirectUris == null || dashboardRedirectUris.isEmpty()) {
            throw new IllegalArgumentException("at least one dashboard redirect URI is required");
        }
        dashboardRedirectUris = List.copyOf(dashboardRedirectUris);
    }

    /** The configured issuer, or - when none was given - the scheme, host and port this request reached. */
    String issuerUrlFor(HttpServletRequest request) {
        return issuerUrl != null
                ? issuerUrl
                : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
