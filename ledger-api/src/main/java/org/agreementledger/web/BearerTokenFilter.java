package org.agreementledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.agreementledger.integrity.ApiTokens;
import org.agreementledger.integrity.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Recognises a bearer token: the archivist token configured for automation
 * ({@code LEDGER_ARCHIVIST_TOKEN}), or one made with {@code bin/ledger token create}. Anyone
 * else stays anonymous, and the authorization rules decide whether that is enough.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private final byte[] archivistToken;
    private final ApiTokens tokens;

    BearerTokenFilter(String archivistToken, ApiTokens tokens) {
        this.archivistToken = archivistToken == null || archivistToken.isBlank() ? null
                : archivistToken.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith(PREFIX)) {
            String presented = header.substring(PREFIX.length()).strip();
            roleOf(presented).ifPresent(role -> SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(role.label(), null,
                            List.of(new SimpleGrantedAuthority(role.authority())))));
        }
        chain.doFilter(request, response);
    }

    private Optional<Role> roleOf(String presented) {
        // constant time, so the configured token cannot be guessed byte by byte from response times
        if (archivistToken != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), archivistToken)) {
            return Optional.of(Role.ARCHIVIST);
        }
        return tokens.authenticate(presented);
    }
}
