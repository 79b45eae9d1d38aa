package org.agreementledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.agreementledger.database.DatabaseAvailability;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is out (its PostgreSQL died and is being started again), every request that
 * needs it is answered at once: 503, a problem document saying what happened, and Retry-After. It
 * runs before Spring Security, whose bearer-token check reads the database too. The report page and
 * its assets need no database, nor does {@code GET /api/status}, which says the database is out.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private final DatabaseAvailability availability;
    private final Duration retryAfter;
    private final ObjectMapper json;

    DatabaseOutageFilter(DatabaseAvailability availability, Duration retryAfter, ObjectMapper json) {
        this.availability = availability;
        this.retryAfter = retryAfter;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var outage = availability.outage();
        if (outage.isEmpty() || !needsTheDatabase(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        var problem = Problems.databaseUnavailable(outage.get().message());
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The API, but the status; and anything carrying a token, which is looked up in the database. */
    private static boolean needsTheDatabase(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/") && !path.equals("/api/status");
        return api || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }
}
