package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each role boundary over HTTP: archivists append, auditors read the ledger and verify, the public
 * reads reports, histories and the chain's digest; a missing or unknown token is 401, a token of the
 * wrong role 403, revocation is immediate, and no refusal leaves an event behind.
 */
class RolesTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiTokens tokens;

    String archivist;
    String auditor;

    @BeforeEach
    void tokens() {
        archivist = tokens.create(Role.ARCHIVIST, "roles test archivist").text();
        auditor = tokens.create(Role.AUDITOR, "roles test auditor").text();
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, String token,
                                          Object... variables) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class, variables);
    }

    private static Map<String, Object> signing() {
        return Map.of("state", "AL", "agencyName", TestAgreements.uniqueAgency("Roles"), "model", "JEM",
                "signedOn", "2025-01-02", "knownOn", "2025-05-16", "source", Map.of("title", "Gazette"));
    }

    private void refused(HttpStatus status, HttpMethod method, String path, Object body, String token,
                         Object... variables) {
        long before = new EventStoreRows(jdbc).count();
        ResponseEntity<JsonNode> response = call(method, path, body, token, variables);
        assertThat(response.getStatusCode()).as(method + " " + path + " with " + token).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("field").asText()).isEqualTo("Authorization");
        assertThat(new EventStoreRows(jdbc).count()).as("events after a refusal").isEqualTo(before);
    }

    @Test
    void onlyArchivistsAppend() {
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.POST, "/api/agreements", signing(), null);
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.POST, "/api/agreements", signing(), "abcdefabcdef.not-the-secret");
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.POST, "/api/agreements", signing(),
                archivist.substring(0, archivist.length() - 1) + (archivist.endsWith("A") ? "B" : "A"));
        refused(HttpStatus.FORBIDDEN, HttpMethod.POST, "/api/agreements", signing(), auditor);
        refused(HttpStatus.FORBIDDEN, HttpMethod.POST, "/api/agreements/{id}/withdrawals", Map.of(), auditor,
                "AL-x#JEM#2025-01-02");
        refused(HttpStatus.FORBIDDEN, HttpMethod.POST, "/api/imports?publishedOn=2025-06-06", "x", auditor);
        refused(HttpStatus.FORBIDDEN, HttpMethod.DELETE, "/api/agreements/{id}/history", null, auditor,
                "AL-x#JEM#2025-01-02");

        assertThat(call(HttpMethod.POST, "/api/agreements", signing(), archivist).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(call(HttpMethod.POST, "/api/agreements", signing(), ARCHIVIST_TOKEN).getStatusCode())
                .as("LEDGER_ARCHIVIST_TOKEN keeps working for automation").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void auditorsAndArchivistsVerifyThePublicDoesNot() {
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.GET, "/api/ledger/verify", null, null);
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.GET, "/api/ledger/verify", null, "not a token at all");

        call(HttpMethod.POST, "/api/agreements", signing(), archivist);
        ResponseEntity<JsonNode> digest = call(HttpMethod.GET, "/api/ledger/digest", null, null);
        long position = digest.getBody().get("position").asLong();

        call(HttpMethod.POST, "/api/agreements", signing(), archivist);
        assertThat(call(HttpMethod.GET, "/api/ledger/verify", null, archivist).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> verify = call(HttpMethod.GET, "/api/ledger/verify?digest={d}", null, auditor,
                digest.getBody().get("digest").asText());
        assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(verify.getBody().get("intact").asBoolean()).as(verify.getBody().toString()).isTrue();
        assertThat(verify.getBody().get("digestCheck").get("holds").asBoolean()).isTrue();
        assertThat(verify.getBody().get("tip").get("position").asLong()).isGreaterThan(position);
    }

    /** The chain's tip is public: anyone may keep it, and a later rewrite is then detectable from outside. */
    @Test
    void anyoneFetchesTheDigestWithOrWithoutAToken() {
        call(HttpMethod.POST, "/api/agreements", signing(), archivist);
        ResponseEntity<JsonNode> digest = call(HttpMethod.GET, "/api/ledger/digest", null, null);
        assertThat(digest.getStatusCode()).isEqualTo(HttpStatus.OK);
        long position = digest.getBody().get("position").asLong();
        assertThat(position).isPositive();
        assertThat(digest.getBody().get("digest").asText())
                .isEqualTo(digest.getBody().get("hash").asText() + "@" + position).matches("[0-9a-f]{64}@\\d+");
        for (String token : new String[] {auditor, archivist, "not a token at all"}) {
            ResponseEntity<JsonNode> same = call(HttpMethod.GET, "/api/ledger/digest", null, token);
            assertThat(same.getStatusCode()).as("digest with " + token).isEqualTo(HttpStatus.OK);
            assertThat(same.getBody().get("position").asLong()).isGreaterThanOrEqualTo(position);
        }
        // reading it is all the public may do there
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.POST, "/api/ledger/digest", null, null);
        refused(HttpStatus.FORBIDDEN, HttpMethod.POST, "/api/ledger/digest", null, auditor);
    }

    @Test
    void thePublicReadsHistoriesReportsAndThePage() {
        String id = call(HttpMethod.POST, "/api/agreements", signing(), archivist).getBody().get("agreementId").asText();
        assertThat(call(HttpMethod.GET, "/api/agreements/{id}/history", null, null, id).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        for (String path : new String[] {"/api/reports/counts", "/", "/v3/api-docs", "/favicon.ico"}) {
            assertThat(call(HttpMethod.GET, path, null, null).getStatusCode()).as(path)
                    .isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        }
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.PUT, "/", null, null);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceEvenAfterItWasCached() {
        IssuedToken issued = tokens.create(Role.ARCHIVIST, "to be revoked");
        assertThat(call(HttpMethod.GET, "/api/ledger/verify", null, issued.text()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        tokens.revoke(issued.token().id());
        refused(HttpStatus.UNAUTHORIZED, HttpMethod.POST, "/api/agreements", signing(), issued.text());
        assertThat(tokens.list()).filteredOn(token -> token.id().equals(issued.token().id()))
                .singleElement().matches(ApiToken::revoked);
    }

    @Test
    void tokensAreStoredOnlyAsBcryptHashes() {
        IssuedToken issued = tokens.create(Role.AUDITOR, "hash check");
        String secret = issued.text().substring(issued.text().indexOf('.') + 1);
        String stored = jdbc.queryForObject("select secret_hash from api_token where id = ?", String.class,
                issued.token().id());
        assertThat(stored).startsWith("$2a$").doesNotContain(secret);
        assertThat(issued.text()).matches("[a-z0-9]{12}\\.[A-Za-z0-9_-]{43}");
    }
}
