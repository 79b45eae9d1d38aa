package org.agreementledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.progress.Progress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** On the demo history every FWD.us and ICE figure matches, and the two conflicting printings differ. */
class DemoReconciliationTest extends DemoLedgerTest {

    @Autowired
    TestRestTemplate http;

    private Map<String, JsonNode> linesById(JsonNode document) {
        Map<String, JsonNode> lines = new HashMap<>();
        document.path("lines").forEach(line -> lines.put(line.path("claim").path("id").asText(), line));
        return lines;
    }

    @Test
    void everyPublishedFigureMatchesAndTheConflictingPrintingsDifferByTheirGap() {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/reports/reconciliation", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, JsonNode> lines = linesById(response.getBody());
        assertThat(lines).hasSize(13);
        lines.forEach((id, line) -> {
            if (id.startsWith("other-outlet")) {
                assertThat(line.path("verdict").asText()).as(id).isEqualTo("differs");
            } else {
                assertThat(line.path("verdict").asText()).as(id).isEqualTo("matches");
                assertThat(line.path("difference").asLong()).as(id).isZero();
                assertThat(line.path("ledgerValue").asLong()).as(id).isEqualTo(line.path("claim").path("value").asLong());
            }
        });
        // difference = claimed - ledger
        assertThat(lines.get("other-outlet-AL-agreements-2026-01-26").path("ledgerValue").asLong()).isEqualTo(52);
        assertThat(lines.get("other-outlet-AL-agreements-2026-01-26").path("difference").asLong()).isEqualTo(1);
        assertThat(lines.get("other-outlet-FL-agreements-2026-01-26").path("ledgerValue").asLong()).isEqualTo(342);
        assertThat(lines.get("other-outlet-FL-agreements-2026-01-26").path("difference").asLong()).isEqualTo(-18);
        // the demo is events only, no list of ICE's: nothing to read by printed name or to match
        lines.forEach((id, line) -> {
            assertThat(line.path("publication").isNull()).as(id).isTrue();
            assertThat(line.path("ledgerValueByPrintedName").isNull()).as(id).isTrue();
            assertThat(line.path("nearestMatch").isNull()).as(id).isTrue();
            assertThat(line.path("explanation").asText()).as(id).startsWith("No list of ICE's the ledger applied was"
                    + " in force on " + line.path("claim").path("date").asText());
        });
        assertThat(response.getBody().path("recordFrom").asText()).startsWith("200");
        assertThat(response.getBody().path("recordTo").asText()).isEqualTo("2026-03-17");
    }

    @Test
    void theCountsAtTheClaimDatesAreThePublishedOnes() {
        JsonNode fwd = http.getForObject("/api/reports/counts?asOf=2026-01-26", JsonNode.class);
        assertThat(fwd.path("agencies").asLong()).isEqualTo(1168);
        assertThat(fwd.path("states").asLong()).isEqualTo(39);
        assertThat(fwd.path("byState").path("FL").path("agreements").asLong()).isEqualTo(342);
        assertThat(fwd.path("byState").path("TX").path("agreements").asLong()).isEqualTo(296);
        JsonNode ice = http.getForObject("/api/reports/counts?asOf=2026-02-15", JsonNode.class);
        assertThat(ice.path("agreements").asLong()).isEqualTo(1415);
        assertThat(ice.path("states").asLong()).isEqualTo(40);
        assertThat(http.getForObject("/api/reports/counts?asOf=2021-01-20", JsonNode.class).path("agencies").asLong())
                .isEqualTo(150);
        assertThat(http.getForObject("/api/reports/counts?asOf=2025-01-19", JsonNode.class).path("agencies").asLong())
                .isEqualTo(135);
    }

    @Test
    void asKnownOnAnEarlierDayTheLaterClaimsHaveNoData() {
        JsonNode document = http.getForObject("/api/reports/reconciliation?knownAt=2025-12-31", JsonNode.class);
        Map<String, JsonNode> lines = linesById(document);
        assertThat(lines.get("ice-nation-agreements-2026-02-15").path("verdict").asText()).isEqualTo("no data");
        assertThat(lines.get("ice-nation-agreements-2026-02-15").path("ledgerValue").isNull()).isTrue();
        assertThat(lines.get("fwdus-nation-agencies-2021-01-20").path("verdict").asText()).isEqualTo("matches");
        assertThat(document.path("knownAt").asText()).isEqualTo("2025-12-31");
    }

    @Test
    void everyAnswerSaysTheDataIsSynthetic() {
        for (String path : new String[] {"/api/reports/counts?asOf=2026-01-26", "/api/reports/reconciliation",
                "/api/reports/timeline?from=2026-01-01&to=2026-02-01", "/api/agreements?asOf=2026-01-26&size=1"}) {
            JsonNode body = http.getForObject(path, JsonNode.class);
            assertThat(body.path("synthetic").asBoolean()).as(path).isTrue();
            assertThat(body.path("notice").asText()).as(path).startsWith("SYNTHETIC DATA: ");
            String csv = http.getForObject(path + "&format=csv".replaceFirst("^&", path.contains("?") ? "&" : "?"),
                    String.class);
            assertThat(csv).as(path).startsWith("# SYNTHETIC DATA: ");
        }
        JsonNode agreement = http.getForObject("/api/agreements?asOf=2026-01-26&size=1", JsonNode.class)
                .path("agreements").get(0);
        JsonNode history = http.getForObject("/api/agreements/{id}/history", JsonNode.class,
                agreement.path("agreementId").asText());
        assertThat(history.get(0).path("source").path("kind").asText()).isEqualTo("SYNTHETIC");
        assertThat(history.get(0).path("source").path("title").asText()).contains("not real data");
        JsonNode agency = http.getForObject("/api/agencies/{id}", JsonNode.class, agreement.path("agencyId").asText());
        assertThat(agency.path("synthetic").asBoolean()).isTrue();
    }

    @Test
    void loadingAgainDoesNothing() {
        DemoLoader.Result again = demo.load(DemoHistory.calibrated(SEED), Progress.NONE);
        assertThat(again.loaded()).isFalse();
        assertThat(again.events()).isPositive();
        assertThat(firstLoad().loaded()).isTrue();
        System.out.printf("demo load (calibrated, %d agreements, %d events) took %d ms%n",
                firstLoad().agreements(), firstLoad().events(), firstLoad().took().toMillis());
    }
}
