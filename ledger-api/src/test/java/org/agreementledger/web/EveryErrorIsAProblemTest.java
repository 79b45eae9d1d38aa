package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the service answers is an RFC 9457 problem document, wherever it was raised: an
 * exception no handler foresaw in a controller (500, where Spring Boot answered its own error body),
 * the database being away (503 with Retry-After, worth asking again), and errors raised outside
 * Spring MVC, in a servlet filter, which the container sends to {@code /error}.
 */
@TestPropertySource(properties = "ledger.test.ledger=every-error")
class EveryErrorIsAProblemTest extends LedgerIntegrationTest {

    @TestConfiguration
    static class Failures {

        /** Registered as a member of this test configuration; other tests' scanning leaves it out. */
        @RestController
        static class FailingController {
            @GetMapping("/api/test-failures/controller")
            String bug() {
                throw new IllegalStateException("a bug of the ledger's own, with internals: /secret/path");
            }

            @GetMapping("/api/test-failures/database")
            String databaseAway() {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("Connection refused", "08001"));
            }
        }

        /** Filters run before Spring MVC: what they throw never reaches a controller advice. */
        @Bean
        FilterRegistrationBean<Filter> failingFilters() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                String path = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
                switch (path) {
                    case "/api/test-failures/filter" -> throw new IllegalStateException("a filter's bug");
                    case "/api/test-failures/filter-database" -> throw new CannotGetJdbcConnectionException(
                            "Failed to obtain JDBC Connection", new java.sql.SQLException("refused", "08006"));
                    case "/api/test-failures/filter-refuses" ->
                            ((jakarta.servlet.http.HttpServletResponse) response).sendError(429);
                    default -> chain.doFilter(request, response);
                }
            });
            registration.setUrlPatterns(List.of("/api/test-failures/*"));
            return registration;
        }
    }

    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ARCHIVIST_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(answer.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("title")).isTrue();
        assertThat(problem.hasNonNull("detail")).isTrue();
        assertThat(problem.has("timestamp")).as("Spring Boot's own error body").isFalse();
        assertThat(answer.body()).doesNotContain("/secret/path").doesNotContain("Exception:").doesNotContain("\tat ");
        return problem;
    }

    @Test
    void aControllersUnforeseenFailureIsA500Problem() throws Exception {
        JsonNode problem = problem(get("/api/test-failures/controller"), 500);
        assertThat(problem.get("detail").asText()).startsWith("the ledger could not answer this request because of"
                + " an error of its own (IllegalStateException, logged at ");
    }

    @Test
    void theDatabaseAwayIsA503ProblemWithRetryAfter() throws Exception {
        HttpResponse<String> answer = get("/api/test-failures/database");
        assertThat(problem(answer, 503).get("title").asText()).isEqualTo("Database unavailable");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void aFiltersFailureBeforeSpringMvcIsAProblemToo() throws Exception {
        JsonNode problem = problem(get("/api/test-failures/filter"), 500);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/test-failures/filter");

        HttpResponse<String> database = get("/api/test-failures/filter-database");
        assertThat(problem(database, 503).get("title").asText()).isEqualTo("Database unavailable");
        assertThat(database.headers().firstValue("Retry-After")).isPresent();

        assertThat(problem(get("/api/test-failures/filter-refuses"), 429).get("title").asText())
                .isEqualTo("Too Many Requests");
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        problem(get("/api/no-such-thing"), 404);
        problem(get("/no-such-page.html"), 404);
    }
}
