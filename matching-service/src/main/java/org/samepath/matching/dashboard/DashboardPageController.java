package org.samepath.matching.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page and the two pages around it. The page is static HTML; what it shows arrives over
 * {@code /api/v1/dashboard/stream} once the coordinator is signed in (see {@link DashboardSecurityConfiguration}).
 */
@Controller
class DashboardPageController {

    private static final Resource DASHBOARD = page("dashboard.html");
    private static final Resource NOT_FOR_YOU = page("not-for-you.html");
    private static final Resource SIGNED_OUT = page("signed-out.html");

    /** Reading the CSRF token makes Spring Security send it as the XSRF-TOKEN cookie the page's script echoes. */
    @GetMapping("/dashboard")
    ResponseEntity<Resource> dashboard(CsrfToken csrf) {
        csrf.getToken();
        return html(HttpStatus.OK, DASHBOARD);
    }

    /** A signed-in person without the coordinator role. */
    @GetMapping("/dashboard/not-for-you")
    ResponseEntity<Resource> notForYou(CsrfToken csrf) {
        csrf.getToken();
        return html(HttpStatus.FORBIDDEN, NOT_FOR_YOU);
    }

    @GetMapping("/dashboard/signed-out")
    ResponseEntity<Resource> signedOut() {
        return html(HttpStatus.OK, SIGNED_OUT);
    }

    private static ResponseEntity<Resource> html(HttpStatus status, Resource page) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .body(page);
    }

    private static Resource page(String name) {
        return new ClassPathResource("dashboard/" + name);
    }
}
