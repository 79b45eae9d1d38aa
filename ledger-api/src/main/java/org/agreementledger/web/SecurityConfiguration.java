package org.agreementledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

/** Reads are public for now; every append over HTTP needs the archivist's token. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, SecurityProperties properties, ObjectMapper json)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a forged form to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new BearerTokenFilter(properties.archivistToken()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/**").hasRole("ARCHIVIST")
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json,
                                HttpStatus.UNAUTHORIZED, "an archivist's bearer token is required to append"))
                        .accessDeniedHandler((request, response, e) -> write(response, json,
                                HttpStatus.FORBIDDEN, "this token's role may not do this")))
                .build();
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
