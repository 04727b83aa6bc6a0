package org.samepath.localstack.issuer;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/** The OIDC provider: protocol endpoints, the dashboard's client registration, the demo users and the form login. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IssuerSecurityConfiguration {

    /** Protocol endpoints (authorize, token, JWKS, discovery, userinfo...). */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // The userinfo endpoint authenticates with the access token the issuer itself signed.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
                // A browser arriving at /oauth2/authorize without a session is sent to the login form; API clients
                // get a 401 instead of an HTML page.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browserRequests()));
        return http.build();
    }

    /** Everything else: the help page, the open dev-token endpoint and the login form. */
    @Bean
    @Order(2)
    SecurityFilterChain applicationFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/", "/dev/tokens", "/error", "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // The dev-token endpoint is called by curl and tests with a JSON body, never by a logged-in browser
                // form, so there is no session to ride on; CSRF stays on for the login form.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/dev/tokens"))
                .formLogin(withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerSettings settings) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        if (settings.issuerUrl() != null) {
            builder.issuer(settings.issuerUrl());
        }
        return builder.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(IssuerSettings settings) {
        RegisteredClient dashboard = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(DevTokenIssuer.DASHBOARD_CLIENT_ID)
                .clientName("Samepath coordinators' dashboard")
                // A public client: the dashboard's browser login proves itself with PKCE, not a secret.
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(settings.dashboardRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(dashboard);
    }

    /** One demo user per role; the username is the token's {@code sub}. */
    @Bean
    UserDetailsService demoUsers() {
        // {noop}: these are published demo credentials, hashing them would protect nothing and slow start-up.
        String password = "{noop}" + DevTokenIssuer.DEMO_PASSWORD;
        return new InMemoryUserDetailsManager(
                User.withUsername("coordinator")
                        .password(password)
                        .roles("COORDINATOR")
                        .build(),
                User.withUsername("mentor").password(password).roles("MENTOR").build(),
                User.withUsername("newcomer")
                        .password(password)
                        .roles("NEWCOMER")
                        .build());
    }

    private static MediaTypeRequestMatcher browserRequests() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }
}
