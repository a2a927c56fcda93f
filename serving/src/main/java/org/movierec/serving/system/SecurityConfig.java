package org.movierec.serving.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Stateless: a bearer token from {@code POST /api/auth/token}, or HTTP Basic (e-mail and
 * password, or the administrator's credentials, checked by {@link PasswordLogins}) on any call;
 * catalog, insight and similar-title reads, the model served ({@code GET /api/model}), sign-up, the OpenAPI document,
 * health and info are public; any account may log out ({@code POST /api/auth/logout}); a user reaches only
 * {@code /api/users/{their id}/**}; the administrator reaches everything, the Prometheus metrics included.
 */
@Configuration
class SecurityConfig {

    /** Spring Security's delegating encoder: bcrypt today, with the algorithm named in each stored hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No observations of Spring Security's own (authentication, authorization, filter chain): each request would
     * otherwise time both checks (measured: about 5 % of the allocations of a top-N request). The requests
     * themselves stay observed ({@code http_server_requests}, with their status).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** {@code POST /api/auth/token} takes the password only: a token cannot buy a newer token. */
    @Bean
    @Order(1)
    SecurityFilterChain tokenSecurity(HttpSecurity http, ProblemSecurityHandler problems) throws Exception {
        return stateless(http)
                .securityMatcher("/api/auth/token")
                .httpBasic(basic -> basic.authenticationEntryPoint(problems.passwordOnly()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems.passwordOnly())
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandler problems, Tokens tokens,
            TokenGenerations generations) throws Exception {
        return stateless(http)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .oauth2ResourceServer(bearer -> bearer
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(tokens.decoder(generations::current))
                                .jwtAuthenticationConverter(Tokens::authentication)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(AccountPrincipal.ADMIN)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/movies/**", "/api/insights/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/model").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/users").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/logout").authenticated()
                        .requestMatchers("/api/users/{id}", "/api/users/{id}/**").access(new OwnerOrAdmin())
                        .anyRequest().hasRole(AccountPrincipal.ADMIN))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
