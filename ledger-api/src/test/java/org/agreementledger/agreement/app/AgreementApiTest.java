package org.agreementledger.agreement.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The write API over HTTP: the archivist's token, problem documents that name the field, 409 on a lost race. */
class AgreementApiTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    EventStoreRows rows;

    @BeforeEach
    void rows() {
        rows = new EventStoreRows(jdbc);
    }

    private static Map<String, Object> signing(String agencyName) {
        return Map.of("state", "AL", "agencyName", agencyName, "county", "Colbert", "agencyType", "County",
                "model", "Jail Enforcement Model", "signedOn", "2025-01-02", "knownOn", "2025-05-16",
                "source", Map.of("kind", "ice-sheet", "title", "ICE participating agencies, 2025-05-16 am",
                        "reference", "participatingAgencies05162025am.xlsx", "sheetRow", 7));
    }

    private ResponseEntity<JsonNode> post(String path, Object body, String token, Object... uriVariables) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class, uriVariables);
    }

    private ResponseEntity<JsonNode> refused(HttpStatus status, String path, Object body, String token,
                                             Object... uriVariables) {
        long before = rows.count();
        ResponseEntity<JsonNode> response = post(path, body, token, uriVariables);
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(rows.count()).as("events after a refused request").isEqualTo(before);
        return response;
    }

    @Test
    void signThenReadTheHistory() {
        String agency = TestAgreements.uniqueAgency("Api");
        ResponseEntity<JsonNode> signed = post("/api/agreements", signing(agency), ARCHIVIST_TOKEN);
        assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = signed.getBody().get("agreementId").asText();
        assertThat(id).startsWith("AL-api-sheriffs-office-").endsWith("#JEM#2025-01-02");
        assertThat(signed.getHeaders().getLocation().toString()).contains("%23JEM%232025-01-02/history");

        ResponseEntity<JsonNode> changed = post("/api/agreements/{id}/model-changes", Map.of("to", "TFM",
                "effectiveOn", "2025-03-01", "source", Map.of("title", "County commission minutes")),
                ARCHIVIST_TOKEN, id);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode history = http.getForObject("/api/agreements/{id}/history", JsonNode.class, id);
        assertThat(history).hasSize(2);
        JsonNode first = history.get(0);
        assertThat(first.get("type").asText()).isEqualTo("AgreementSigned");
        assertThat(first.get("effectiveOn").asText()).isEqualTo("2025-01-02");
        assertThat(first.get("knownOn").asText()).isEqualTo("2025-05-16");
        assertThat(first.get("appendedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(first.get("source").get("kind").asText()).isEqualTo("ICE_SHEET");
        assertThat(first.get("source").get("sheetRow").asInt()).isEqualTo(7);
        assertThat(first.get("event").get("agencyName").asText()).isEqualTo(agency);
        assertThat(history.get(1).get("event").get("to").asText()).isEqualTo("TFM");
        assertThat(history.get(1).get("source").get("kind").asText()).isEqualTo("MANUAL");
    }

    @Test
    void appendsNeedTheArchivistsToken() {
        ResponseEntity<JsonNode> none = refused(HttpStatus.UNAUTHORIZED, "/api/agreements",
                signing(TestAgreements.uniqueAgency("NoToken")), null);
        assertThat(none.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        refused(HttpStatus.UNAUTHORIZED, "/api/agreements", signing(TestAgreements.uniqueAgency("Wrong")),
                "not-the-token");
        refused(HttpStatus.UNAUTHORIZED, "/api/agreements/{id}/withdrawals", Map.of(), null, "AL-x#JEM#2025-01-02");
    }

    @Test
    void badFieldsAreNamedInTheProblem() {
        Map<String, Object> badModel = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        badModel.put("model", "287(g) Lite");
        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", badModel, ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("model");

        Map<String, Object> badDate = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        badDate.put("signedOn", "1/2/2025");
        JsonNode problem = refused(HttpStatus.BAD_REQUEST, "/api/agreements", badDate, ARCHIVIST_TOKEN).getBody();
        assertThat(problem.get("field").asText()).isEqualTo("signedOn");
        assertThat(problem.get("detail").asText()).contains("ISO date");

        Map<String, Object> unknown = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        unknown.put("signedon", "2025-01-02");
        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", unknown, ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("signedon");

        Map<String, Object> wrongType = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        wrongType.put("source", "a newspaper");
        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", wrongType, ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("source");

        Map<String, Object> nul = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        nul.put("county", "Colbert\u0000");
        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", nul, ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("county");

        Map<String, Object> huge = new java.util.HashMap<>(signing(TestAgreements.uniqueAgency("Bad")));
        huge.put("moaLink", "https://example.org/" + "x".repeat(100_000));
        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", huge, ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("moaLink");
        // an agency name too long to make an agreement id the event store can hold
        JsonNode longName = refused(HttpStatus.BAD_REQUEST, "/api/agreements",
                signing(TestAgreements.uniqueAgency("Long") + " Joint Task Force".repeat(12)), ARCHIVIST_TOKEN)
                .getBody();
        assertThat(longName.get("field").asText()).isEqualTo("agencyName");
        assertThat(longName.get("detail").asText()).isEqualTo("agencyName: is longer than 200 characters");

        assertThat(refused(HttpStatus.BAD_REQUEST, "/api/agreements", "{not json", ARCHIVIST_TOKEN).getBody()
                .get("field").asText()).isEqualTo("body");
    }

    @Test
    void anAgreementNeverSignedIsNotFound() {
        JsonNode problem = refused(HttpStatus.NOT_FOUND, "/api/agreements/{id}/withdrawals",
                Map.of("reason", "terminated-by-ice", "effectiveOn", "2025-03-01", "source", Map.of("title", "x")),
                ARCHIVIST_TOKEN, "AL-ghost#JEM#2025-01-02").getBody();
        assertThat(problem.get("field").asText()).isEqualTo("agreementId");
        assertThat(http.getForEntity("/api/agreements/{id}/history", JsonNode.class, "AL-ghost#JEM#2025-01-02")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        String id = post("/api/agreements", signing(TestAgreements.uniqueAgency("Stale")), ARCHIVIST_TOKEN)
                .getBody().get("agreementId").asText();
        Map<String, Object> change = Map.of("to", "WSO", "effectiveOn", "2025-02-01", "expectedVersion", 0,
                "source", Map.of("title", "x"));
        assertThat(post("/api/agreements/{id}/model-changes", change, ARCHIVIST_TOKEN, id).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        Map<String, Object> stale = Map.of("reason", "withdrawn-by-agency", "effectiveOn", "2025-03-01",
                "expectedVersion", 0, "source", Map.of("title", "x"));
        refused(HttpStatus.CONFLICT, "/api/agreements/{id}/withdrawals", stale, ARCHIVIST_TOKEN, id);
        refused(HttpStatus.CONFLICT, "/api/agreements", signing(history(id).get(0).get("event")
                .get("agencyName").asText()), ARCHIVIST_TOKEN);
    }

    private JsonNode history(String id) {
        return http.getForObject("/api/agreements/{id}/history", JsonNode.class, id);
    }
}
