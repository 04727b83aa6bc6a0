package org.samepath.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API takes a bearer JWT from the configured issuer. {@code sub} is the person id; the {@code roles} claim
 * (NEWCOMER, MENTOR, COORDINATOR) becomes {@code ROLE_*} authorities. Which role may call what is declared on each
 * controller method ({@code @PreAuthorize}), and object-level checks live in the services. Health probes, metrics
 * scraping and the OpenAPI description are open; everything else needs a token.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@Import(VerifiedTokensConfiguration.class)
public class SecurityConfiguration {

    public static final String ROLES_CLAIM = "roles";

    @Bean
    @Order(100)
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
        ProblemJsonSecurityHandlers problems = new ProblemJsonSecurityHandlers(jsonMapper);
        http.securityMatcher("/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/health",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::toAuthentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    static AbstractAuthenticationToken toAuthentication(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    /** The {@code roles} claim of an access token or an ID token (browser sign-in) as {@code ROLE_*} authorities. */
    public static Collection<GrantedAuthority> authorities(ClaimAccessor claims) {
        List<String> roles = claims.hasClaim(ROLES_CLAIM) ? claims.getClaimAsStringList(ROLES_CLAIM) : List.of();
        return roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
