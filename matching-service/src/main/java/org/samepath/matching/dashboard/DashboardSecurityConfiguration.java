package org.samepath.matching.dashboard;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.samepath.platform.security.ProblemJsonSecurityHandlers;
import org.samepath.platform.security.SecurityConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser side of matching-service: coordinators sign in with OpenID Connect (authorization code + PKCE) and keep
 * a session, instead of carrying bearer tokens. This chain takes the dashboard page, the sign-in round trip, and API
 * calls that arrive with the dashboard's session cookie and no bearer token (the page's own calls); everything else
 * stays with the stateless bearer-token chain of {@link SecurityConfiguration}. The same {@code @PreAuthorize} rules
 * apply to both, because the ID token's {@code roles} claim becomes the same {@code ROLE_*} authorities.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class DashboardSecurityConfiguration {

    static final String REGISTRATION_ID = "samepath";
    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    @Bean
    @Order(50)
    SecurityFilterChain dashboardSecurity(
            HttpSecurity http,
            JsonMapper jsonMapper,
            @Value("${server.servlet.session.cookie.name}") String sessionCookie)
            throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher pageCallsToApi = request -> request.getRequestURI().startsWith("/api/")
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && hasCookie(request, sessionCookie);
        RequestMatcher api = paths.matcher("/api/**");
        ProblemJsonSecurityHandlers problems = new ProblemJsonSecurityHandlers(jsonMapper);
        http.securityMatcher(new OrRequestMatcher(
                        paths.matcher("/dashboard"),
                        paths.matcher("/dashboard/**"),
                        paths.matcher("/oauth2/authorization/**"),
                        paths.matcher("/login/oauth2/code/**"),
                        paths.matcher("/logout"),
                        paths.matcher("/webjars/**"),
                        pageCallsToApi))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/webjars/**",
                                "/dashboard/signed-out",
                                "/dashboard/not-for-you", // the access-denied page itself
                                "/dashboard/assets/**")
                        .permitAll()
                        .requestMatchers("/dashboard", "/dashboard/**")
                        .hasRole("COORDINATOR")
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage(SIGN_IN_PATH)
                        .defaultSuccessUrl("/dashboard")
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesFromIdToken())))
                .logout(logout -> logout.logoutSuccessUrl("/dashboard/signed-out"))
                // The page sends the token from the XSRF-TOKEN cookie back as a header on every change it asks for.
                .csrf(csrf -> csrf.spa())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAccessDeniedHandlerFor(problems, api)
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN_PATH))
                        .accessDeniedPage("/dashboard/not-for-you"));
        return http.build();
    }

    /** The {@code roles} claim of the ID token, exactly as bearer tokens' {@code roles} are read. */
    static GrantedAuthoritiesMapper rolesFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new LinkedHashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(SecurityConfiguration.authorities(oidc.getIdToken()));
                }
            }
            return mapped;
        };
    }

    @Bean
    ClientRegistrationRepository dashboardClientRegistrations(SignInProperties signIn) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(signIn.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE) // public client: PKCE instead of a secret
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid")
                .issuerUri(signIn.issuer())
                .authorizationUri(signIn.authorizationUri())
                .tokenUri(signIn.tokenUri())
                .jwkSetUri(signIn.jwkSetUri())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName("Samepath")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /** The coordinator's tokens live in their session and go with it, not in a service-wide map. */
    @Bean
    OAuth2AuthorizedClientRepository dashboardAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    private static boolean hasCookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        return cookies != null
                && Arrays.stream(cookies).anyMatch(cookie -> cookie.getName().equals(name));
    }
}
