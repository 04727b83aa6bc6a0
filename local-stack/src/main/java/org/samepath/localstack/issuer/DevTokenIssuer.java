package org.samepath.localstack.issuer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the local stack's development token issuer: a real OpenID Connect provider (Spring Authorization Server) with
 * demo users, plus an OPEN {@code POST /dev/tokens} endpoint that mints a token for any person id and role.
 *
 * <p>DEVELOPMENT ONLY - NEVER DEPLOY THIS. Anyone who can reach it can become a coordinator; its signing key lives in
 * memory and changes on every start. It binds to 127.0.0.1 only for that reason. docker-compose and production use a
 * real identity provider instead (see DESIGN.md, Security).
 */
public final class DevTokenIssuer {

    /** The public OIDC client the coordinators' dashboard logs in with (authorization code + PKCE, no secret). */
    public static final String DASHBOARD_CLIENT_ID = "samepath-dashboard";

    /** Password of every demo user ({@code coordinator}, {@code mentor}, {@code newcomer}). */
    public static final String DEMO_PASSWORD = "samepath";

    private DevTokenIssuer() {}

    /**
     * Starts the issuer in its own Spring application context and returns once it serves requests.
     *
     * @param port the loopback port to listen on; 0 picks a free one (read it back with {@link #port})
     * @param issuerUrl the {@code iss} of every token and the base of the discovery document, e.g.
     *     {@code http://127.0.0.1:8090}; must name the same port. {@code null} derives it from each request's host and
     *     port, which suits port 0 but makes {@code iss} depend on how the caller spells the host
     * @param dashboardRedirectUris the redirect URIs registered for {@value #DASHBOARD_CLIENT_ID}
     * @return the running context; close it to stop the issuer
     */
    public static ConfigurableApplicationContext start(int port, String issuerUrl, List<String> dashboardRedirectUris) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        IssuerSettings settings = new IssuerSettings(issuerUrl, dashboardRedirectUris);
        return new SpringApplicationBuilder(IssuerApplication.class)
                // Otherwise Boot logs the launcher's (or the test runner's) main class as the one starting.
                .main(DevTokenIssuer.class)
                .web(WebApplicationType.SERVLET)
                .environment(isolatedEnvironment(port))
                .initializers(context -> context.getBeanFactory().registerSingleton("issuerSettings", settings))
                .run();
    }

    /** The port the issuer actually listens on (useful after starting on port 0). */
    public static int port(ConfigurableApplicationContext issuer) {
        return ((WebServerApplicationContext) issuer).getWebServer().getPort();
    }

    /**
     * The issuer shares its JVM and classpath with the launcher and the other modules, so its settings go into a
     * highest-precedence property source: no application.yml, SERVER_PORT variable or profile of theirs leaks in.
     */
    private static StandardEnvironment isolatedEnvironment(int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "dev-token-issuer");
        properties.put("spring.config.location", "optional:classpath:/issuer/");
        properties.put("spring.application.name", "dev-token-issuer");
        properties.put("spring.main.banner-mode", "off");
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        // Cookies ignore ports: under the default JSESSIONID the issuer's login session and the dashboard's session
        // (127.0.0.1:8082) would overwrite each other in the browser and break the authorization code flow.
        properties.put("server.servlet.session.cookie.name", "SAMEPATH_ISSUER_SESSION");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("devTokenIssuer", properties));
        return environment;
    }
}
