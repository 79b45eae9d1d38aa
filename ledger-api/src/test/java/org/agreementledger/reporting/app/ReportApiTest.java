package org.agreementledger.reporting.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The report API: the documented JSON shapes, public reads, and a 400 problem naming a bad parameter. */
class ReportApiTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    ReportProcessor processor;

    private ResponseEntity<JsonNode> get(String uri, Object... variables) {
        return http.getForEntity(uri, JsonNode.class, variables);
    }

    private void refused(String parameter, String uri, Object... variables) {
        ResponseEntity<JsonNode> response = get(uri, variables);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("field").asText()).isEqualTo(parameter);
        assertThat(response.getBody().path("detail").asText()).startsWith(parameter + ": ");
        assertThat(response.getBody().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void countsHaveTheDocumentedShape() {
        String id = ledger.sign(new SignAgreement(UsState.NE, uniqueAgency("Api"), "Douglas", "County",
                SupportModel.TFM, LocalDate.of(2025, 1, 2), null, null, LocalDate.of(2025, 1, 6), PRESS));
        processor.awaitCaughtUp(Duration.ofSeconds(30));

        ResponseEntity<JsonNode> response = get("/api/reports/counts?asOf=2025-02-01&knownAt=2025-03-01");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.fieldNames()).toIterable().containsExactly("asOf", "knownAt", "agreements", "agencies", "states",
                "territories", "pendingAgencies", "byModel", "byState");
        assertThat(body.path("pendingAgencies").asInt()).isZero(); // this ledger holds no pending lists
        assertThat(body.path("asOf").asText()).isEqualTo("2025-02-01");
        assertThat(body.path("knownAt").asText()).isEqualTo("2025-03-01");
        assertThat(body.path("agreements").asLong()).isPositive();
        assertThat(body.path("byModel").fieldNames()).toIterable().containsExactly("JEM", "TFM", "WSO");
        assertThat(body.path("byModel").path("TFM").asLong()).isPositive();
        assertThat(body.path("byState").path("NE").path("agreements").asLong()).isPositive();
        assertThat(body.path("byState").path("NE").path("agencies").asLong()).isPositive();
        assertThat(id).startsWith("NE-");
    }

    @Test
    void knownAtDefaultsToTodayAndGroupByAgencyTypeAddsItsBreakdown() {
        ResponseEntity<JsonNode> response = get("/api/reports/counts?asOf=2025-02-01&groupBy=agency-type");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("knownAt").asText()).isEqualTo(AgreementReports.today().toString());
        assertThat(response.getBody().has("byAgencyType")).isTrue();
        assertThat(response.getBody().has("byModel")).isTrue();
        assertThat(response.getBody().has("byState")).isTrue();
    }

    @Test
    void aTimelineHasOnePointPerStep() {
        ResponseEntity<JsonNode> response = get("/api/reports/timeline?from=2025-01-01&to=2025-01-29&step=week"
                + "&knownAt=2025-06-01");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.path("step").asText()).isEqualTo("week");
        assertThat(body.path("knownAt").asText()).isEqualTo("2025-06-01");
        List<String> dates = body.path("points").findValuesAsText("date");
        assertThat(dates).containsExactly("2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22", "2025-01-29");
        assertThat(body.path("points").get(0).fieldNames()).toIterable()
                .containsExactly("date", "agreements", "agencies", "states", "territories");
    }

    @Test
    void aTerritoryCountsAsATerritoryNotAStateAndStaysInByState() {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        String asOf = "/api/reports/counts?asOf=1999-06-01";
        String timeline = "/api/reports/timeline?from=1999-05-01&to=1999-06-01&step=month";
        JsonNode before = get(asOf).getBody();
        JsonNode timelineBefore = get(timeline).getBody().path("points");
        // signed in 1999: no other test's agreement is in force then, in Puerto Rico or the Virgin Islands
        for (UsState territory : new UsState[] {UsState.PR, UsState.VI}) {
            assertThat(territory.isTerritory()).isTrue();
            assertThat(before.path("byState").has(territory.name())).as(territory.name()).isFalse();
            ledger.sign(new SignAgreement(territory, uniqueAgency("Territory"), null, null, SupportModel.JEM,
                    LocalDate.of(1999, 5, 3), null, null, LocalDate.of(1999, 5, 4), PRESS));
        }
        processor.awaitCaughtUp(Duration.ofSeconds(30));

        JsonNode after = get(asOf).getBody();
        assertThat(after.path("territories").asLong()).isEqualTo(before.path("territories").asLong() + 2);
        assertThat(after.path("states").asLong()).isEqualTo(before.path("states").asLong());
        assertThat(after.path("agencies").asLong()).isEqualTo(before.path("agencies").asLong() + 2);
        assertThat(after.path("byState").path("PR").path("agreements").asLong()).isEqualTo(1);
        assertThat(after.path("byState").path("VI").path("agencies").asLong()).isEqualTo(1);
        JsonNode timelineAfter = get(timeline).getBody().path("points");
        assertThat(timelineAfter.get(1).path("date").asText()).isEqualTo("1999-06-01");
        assertThat(timelineAfter.get(1).path("territories").asLong())
                .isEqualTo(timelineBefore.get(1).path("territories").asLong() + 2);
        assertThat(timelineAfter.get(1).path("states").asLong())
                .isEqualTo(timelineBefore.get(1).path("states").asLong());
        assertThat(timelineAfter.get(0).path("territories").asLong()).as("before the signings")
                .isEqualTo(timelineBefore.get(0).path("territories").asLong());
    }

    @Test
    void theAgreementsInForceComeAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            ledger.sign(new SignAgreement(UsState.NV, uniqueAgency("Page"), null, null, SupportModel.WSO,
                    LocalDate.of(2025, 1, 2), null, null, null, PRESS));
        }
        processor.awaitCaughtUp(Duration.ofSeconds(30));

        JsonNode page = get("/api/reports/agreements?asOf=2025-02-01&state=Nevada&model=WSO&page=0&size=2").getBody();

        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.path("agreements")).hasSize(2);
        assertThat(page.path("agreements").get(0).path("state").asText()).isEqualTo("NV");
    }

    @Test
    void badParametersAreProblemsThatNameThem() {
        refused("asOf", "/api/reports/counts");
        refused("asOf", "/api/reports/counts?asOf=2025-02-30");
        refused("knownAt", "/api/reports/counts?asOf=2025-02-01&knownAt=yesterday");
        refused("groupBy", "/api/reports/counts?asOf=2025-02-01&groupBy=county");
        refused("step", "/api/reports/timeline?from=2025-01-01&to=2025-02-01&step=fortnight");
        refused("to", "/api/reports/timeline?from=2025-02-01&to=2025-01-01");
        refused("to", "/api/reports/timeline?from=1990-01-01&to=2025-01-01&step=day");
        refused("state", "/api/reports/agreements?asOf=2025-02-01&state=Atlantis");
        refused("size", "/api/reports/agreements?asOf=2025-02-01&size=0");
        refused("page", "/api/reports/agreements?asOf=2025-02-01&page=-1");
    }
}
