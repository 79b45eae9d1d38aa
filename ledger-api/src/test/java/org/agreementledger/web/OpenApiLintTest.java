package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agreementledger.integrity.ApiTokens;
import org.agreementledger.integrity.Role;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The OpenAPI document as served is a contract a client generator can use: Redocly's linter with its
 * recommended rules reports no error on it, and the role it declares for each operation is the one
 * the ledger enforces. Needs Node.js and npm (the machine has them; .ci/run
 * installs Debian's when absent); the pinned CLI comes from the npm registry through npx, cached
 * after its first run. Without Node.js the test fails, saying so: a lint that is skipped proves nothing.
 */
class OpenApiLintTest extends LedgerIntegrationTest {

    /** Pinned; 1.34.20 runs on Debian 12's Node.js 18 as well as on Node.js 20 (2.x needs 20.19 or 22). */
    static final String REDOCLY_CLI = "@redocly/cli@1.34.20";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theServedDocumentLintsCleanWithRedoclysRecommendedRules() throws Exception {
        String document = http.getForObject("/v3/api-docs", String.class);
        Path dir = Files.createDirectories(Path.of("target", "openapi"));
        Path file = dir.resolve("api-docs.json");
        Files.writeString(file, document);

        Lint lint = lint(file);

        assertThat(lint.exitCode()).as("redocly lint of %s:%n%s", file.toAbsolutePath(), lint.output()).isZero();
        assertThat(lint.totals().path("errors").asInt(-1)).as(lint.output()).isZero();
    }

    /**
     * The roles the document declares are the ones the ledger enforces: for every operation, without a
     * token a public one answers (whatever it answers) and any other is a 401; with an auditor's token
     * an archivist's operation is a 403 and any other is not refused. Nothing is appended.
     */
    @Test
    void everyOperationNeedsTheRoleTheDocumentSays() {
        JsonNode document = http.getForObject("/v3/api-docs", JsonNode.class);
        String auditor = tokens.create(Role.AUDITOR, "OpenAPI roles").text();
        long before = new EventStoreRows(jdbc).count();
        int operations = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths")::fields) {
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                String role = operation.getValue().path(OpenApiConfiguration.ROLE_EXTENSION).asText();
                assertThat(role).as(operation.getKey() + " " + path.getKey()).isIn("public", "auditor", "archivist");
                assertThat(operation.getValue().path("security").isEmpty()).isEqualTo(role.equals("public"));
                HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase(Locale.ROOT));
                String url = path.getKey().replaceAll("\\{\\w+}", "AL-x%23JEM%232025-01-02");
                String what = method + " " + path.getKey() + " (" + role + ")";
                HttpStatusCode anonymous = send(method, url, null);
                HttpStatusCode audited = send(method, url, auditor);
                if (role.equals("public")) {
                    assertThat(anonymous.value()).as(what + " without a token").isNotIn(401, 403);
                } else {
                    assertThat(anonymous.value()).as(what + " without a token").isEqualTo(401);
                }
                if (role.equals("archivist")) {
                    assertThat(audited.value()).as(what + " with an auditor's token").isEqualTo(403);
                } else {
                    assertThat(audited.value()).as(what + " with an auditor's token").isNotIn(401, 403);
                }
                operations++;
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(16);
        assertThat(new EventStoreRows(jdbc).count()).as("events after probing every operation").isEqualTo(before);
    }

    private HttpStatusCode send(HttpMethod method, String url, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(java.net.URI.create(http.getRootUri() + url), method, new HttpEntity<>("{}", headers),
                String.class).getStatusCode();
    }

    record Lint(int exitCode, String output, JsonNode totals) {
    }

    /** Runs the pinned Redocly CLI on {@code file}: its exit code, what it printed, and its totals. */
    Lint lint(Path file) throws IOException, InterruptedException {
        Path report = file.resolveSibling(file.getFileName() + ".lint.json");
        Files.deleteIfExists(report);
        List<String> command = List.of("npx", "--yes", REDOCLY_CLI, "lint", "--extends=recommended",
                "--format=json", file.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(report.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run npx (" + e.getMessage() + "): the OpenAPI lint needs Node.js and"
                    + " npm; install them (apt-get install nodejs npm), as .ci/run does", e);
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();
        String output = Files.exists(report) ? Files.readString(report) : "";
        JsonNode totals = json.createObjectNode();
        if (output.strip().startsWith("{")) {
            totals = json.readTree(output).path("totals");
        }
        return new Lint(process.exitValue(), output + errors, totals);
    }
}
