package org.agreementledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.agreementledger.integrity.ApiTokens;
import org.agreementledger.integrity.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.AntPathMatcher;

/**
 * Who may do what over HTTP, decided here and nowhere else:
 * <ul>
 *   <li>the public (no token): the report page, its static assets, the OpenAPI documents,
 *       {@code GET /api/reports/**}, the agreements in force, an agreement's history, an agency's
 *       record and the publications recorded (a public record), {@code GET /api/status} (whether the
 *       ledger is ready, which the page asks first), {@code GET /api/watch} (when ICE's page was last
 *       checked; /actuator/health is outside /api) and {@code GET /api/ledger/digest}: anyone may
 *       fetch and keep the chain's tip, which is what makes a later rewrite detectable from outside;</li>
 *   <li>auditors: every other {@code GET /api/**}, notably {@code /api/ledger/verify} (it recomputes the
 *       whole chain, so it is not for everyone);</li>
 *   <li>archivists: all of that, and every other method on {@code /api/**}: append, import, rebuild.</li>
 * </ul>
 * A new {@code /api} endpoint is therefore auditor-only to read and archivist-only otherwise until
 * it is placed here; outside {@code /api} there are only reads of the page and its assets.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final String ARCHIVIST = Role.ARCHIVIST.name();
    private static final String AUDITOR = Role.AUDITOR.name();

    /** What the public may read under /api without a token; the OpenAPI document says the same per operation. */
    static final String[] PUBLIC_READS = {"/api/reports/**", "/api/agreements", "/api/agreements/*/history",
            "/api/agencies/*", "/api/publications", "/api/status", "/api/watch", "/api/ledger/digest"};
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /**
     * The roles that may make a request to {@code path} under /api (a path or an OpenAPI path
     * template) by {@code method}, as the rules of {@link #ledgerSecurity} decide it: none for the
     * public, else either role for a read and the archivist for anything else.
     */
    static List<Role> rolesFor(HttpMethod method, String path) {
        if (HttpMethod.GET.equals(method)) {
            return Arrays.stream(PUBLIC_READS).anyMatch(read -> PATHS.match(read, path)) ? List.of()
                    : List.of(Role.AUDITOR, Role.ARCHIVIST);
        }
        return List.of(Role.ARCHIVIST);
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, SecurityProperties properties, ApiTokens tokens,
                                       ObjectMapper json) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a forged form to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new BearerTokenFilter(properties.archivistToken(), tokens),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // Spring's own error page renders the problem of a request already decided
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(AUDITOR, ARCHIVIST)
                        .requestMatchers("/api/**").hasRole(ARCHIVIST)
                        // outside /api only the page, its assets and the OpenAPI documents: all reads
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json,
                                HttpStatus.UNAUTHORIZED, "a bearer token is required: an auditor's to read the"
                                        + " ledger, an archivist's to append"))
                        .accessDeniedHandler((request, response, e) -> write(response, json,
                                HttpStatus.FORBIDDEN, "this token's role may not do this: reading the ledger needs"
                                        + " an auditor or archivist, appending an archivist")))
                .build();
    }

    /**
     * Spring Security's firewall refuses some URLs before any controller (an encoded '/', '\',
     * '%' or ';' in a path, a non-printable character). The refusal is a problem document too.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, e) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.BAD_REQUEST, "Rejected URL",
                    "the request URL holds characters the ledger never accepts in a path (an encoded '/', '\\',"
                            + " '%' or ';', or a control character)", "path"));
        };
    }

    private static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(),
                Problems.of(status, status.getReasonPhrase(), detail, "Authorization"));
    }
}
