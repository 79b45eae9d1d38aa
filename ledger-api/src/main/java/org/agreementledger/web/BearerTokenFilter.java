package org.agreementledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Recognises the archivist by the bearer token; anyone else stays anonymous. */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private final byte[] archivistToken;

    BearerTokenFilter(String archivistToken) {
        this.archivistToken = archivistToken == null || archivistToken.isBlank() ? null
                : archivistToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (archivistToken != null && header != null && header.startsWith(PREFIX)) {
            byte[] presented = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
            // constant time, so the token cannot be guessed byte by byte from response times
            if (MessageDigest.isEqual(presented, archivistToken)) {
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "archivist", null, List.of(new SimpleGrantedAuthority("ROLE_ARCHIVIST"))));
            }
        }
        chain.doFilter(request, response);
    }
}
