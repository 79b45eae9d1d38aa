package org.agreementledger.reporting.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.TimelinePoint;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The report endpoints beyond the JSON shapes: CSV by parameter or Accept header with formula cells
 * neutralised, the documented /api/agreements path, reconciliation's parameters, the agency record,
 * the OpenAPI document and the page, and every refusal a problem naming its parameter. This ledger
 * holds no synthetic data, so no answer carries the notice.
 */
class ReportFormatsApiTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    ReportProcessor processor;

    private void refused(String parameter, String uri, Object... variables) {
        ResponseEntity<JsonNode> response = http.getForEntity(uri, JsonNode.class, variables);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("field").asText()).as(uri).isEqualTo(parameter);
        assertThat(response.getBody().path("detail").asText()).startsWith(parameter + ": ");
    }

    private ResponseEntity<String> csv(String uri, String accept) {
        HttpHeaders headers = new HttpHeaders();
        if (accept != null) {
            headers.set(HttpHeaders.ACCEPT, accept);
        }
        return http.exchange(uri, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** A field of each element of an array (findValuesAsText would also find the histories' fields). */
    private static List<String> fieldOfEach(JsonNode array, String field) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    private String signHostile() {
        String id = ledger.sign(new SignAgreement(UsState.WY, "=HYPERLINK(\"http://evil.example\",\"x\") "
                + uniqueAgency("Csv"), "@Laramie", "+County", SupportModel.JEM, LocalDate.of(2024, 3, 1), null, null,
                LocalDate.of(2024, 3, 5), PRESS));
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        return id;
    }

    @Test
    void csvByParameterOrAcceptHeaderNeutralisesFormulaCells() {
        String id = signHostile();

        ResponseEntity<String> agreements = csv("/api/agreements?asOf=2024-06-01&state=WY&size=1000&format=csv", null);
        assertThat(agreements.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(agreements.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        List<String> lines = agreements.getBody().lines().toList();
        assertThat(lines.get(0)).isEqualTo("agreement_id,agency_id,agency_name,state,county,agency_type,model,"
                + "signed_on,valid_from,valid_to,moa_link");
        String row = lines.stream().filter(line -> line.startsWith(id)).findFirst().orElseThrow();
        assertThat(row).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") Csv Sheriff's Office")
                .contains(",'@Laramie,'+County,JEM,2024-03-01,2024-03-01,,");
        assertThat(agreements.getHeaders().getFirst("X-Total-Count")).isNotNull();
        assertThat(agreements.getBody()).doesNotStartWith("#"); // no synthetic data here

        ResponseEntity<String> byHeader = csv("/api/reports/counts?asOf=2024-06-01", "text/csv");
        assertThat(byHeader.getHeaders().getContentType().getSubtype()).isEqualTo("csv");
        assertThat(byHeader.getBody().lines().toList()).first()
                .isEqualTo("as_of,known_at,group,key,agreements,agencies,states,territories");
        assertThat(byHeader.getBody()).contains("\r\n2024-06-01,").contains(",state,WY,");
        assertThat(csv("/api/reports/counts?asOf=2024-06-01", "application/json, text/csv;q=0.5").getBody())
                .startsWith("{");

        String timeline = csv("/api/reports/timeline?from=2024-01-01&to=2024-03-01&format=CSV", null).getBody();
        assertThat(timeline.lines().toList()).hasSize(4).first()
                .isEqualTo("date,known_at,agreements,agencies,states,territories");

        String reconciliation = csv("/api/reports/reconciliation", "text/csv").getBody();
        assertThat(reconciliation.lines().findFirst().orElseThrow()).startsWith("id,measure,scope,date,claimed,ledger");
        assertThat(reconciliation.lines().count()).isEqualTo(14);
    }

    @Test
    void theDocumentedAgreementsPathIsTheReportOne() {
        signHostile();
        JsonNode documented = http.getForObject("/api/agreements?asOf=2024-06-01&state=WY&size=5", JsonNode.class);
        JsonNode older = http.getForObject("/api/reports/agreements?asOf=2024-06-01&state=WY&size=5", JsonNode.class);
        assertThat(documented).isEqualTo(older);
        assertThat(documented.path("total").asLong()).isPositive();
        assertThat(documented.has("synthetic")).isFalse();
    }

    @Test
    void pageSizesAndFormatsOutOfRangeAreProblemsNamingThem() {
        refused("size", "/api/agreements?asOf=2025-02-01&size=-5");
        refused("size", "/api/agreements?asOf=2025-02-01&size=1001");
        refused("size", "/api/agreements?asOf=2025-02-01&size=99999999999999999999");
        refused("size", "/api/agreements?asOf=2025-02-01&size=ten");
        refused("page", "/api/agreements?asOf=2025-02-01&page=-1");
        refused("asOf", "/api/agreements");
        refused("model", "/api/agreements?asOf=2025-02-01&model=XYZ");
        refused("format", "/api/reports/counts?asOf=2025-02-01&format=xml");
        refused("format", "/api/reports/timeline?from=2025-01-01&to=2025-02-01&format=xlsx");
        refused("format", "/api/agreements?asOf=2025-02-01&format=pdf");
        refused("format", "/api/reports/reconciliation?format=html");
        refused("knownAt", "/api/reports/reconciliation?knownAt=2025-13-01");
        refused("from", "/api/reports/timeline?to=2025-02-01&format=csv");

        // a refusal stays a problem document even when CSV was asked for
        ResponseEntity<String> problem = csv("/api/agreements?asOf=2025-02-01&size=0", "text/csv");
        assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.getBody()).contains("\"field\":\"size\"");
    }

    @Test
    void reconciliationListsEveryPublishedFigureWithItsSource() {
        JsonNode document = http.getForObject("/api/reports/reconciliation?knownAt=2025-06-01", JsonNode.class);
        assertThat(document.path("knownAt").asText()).isEqualTo("2025-06-01");
        assertThat(document.path("lines")).hasSize(13);
        JsonNode first = document.path("lines").get(0);
        assertThat(first.path("claim").fieldNames()).toIterable()
                .contains("id", "measure", "scope", "date", "value", "source");
        assertThat(first.path("claim").path("source").path("title").asText()).contains("FWD.us");
        assertThat(first.path("verdict").asText()).isIn("matches", "differs", "no data");
    }

    @Test
    void anAgencyShowsItsAgreementsAndTheirHistories() {
        String name = uniqueAgency("Agency");
        String jem = ledger.sign(new SignAgreement(UsState.KS, name, "Finney", "County", SupportModel.JEM,
                LocalDate.of(2023, 1, 2), null, null, LocalDate.of(2023, 1, 9), PRESS));
        String tfm = ledger.sign(new SignAgreement(UsState.KS, name, "Finney", "County", SupportModel.TFM,
                LocalDate.of(2024, 1, 2), null, null, LocalDate.of(2024, 1, 9), PRESS));
        ledger.amend(org.agreementledger.testing.TestAgreements.withdrawal(jem, LocalDate.of(2024, 6, 1)));
        String agencyId = org.agreementledger.api.AgreementId.agencyOf(jem);

        ResponseEntity<JsonNode> response = http.getForEntity("/api/agencies/{id}", JsonNode.class, agencyId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode agency = response.getBody();
        assertThat(agency.path("agencyId").asText()).isEqualTo(agencyId);
        assertThat(agency.path("agencyName").asText()).isEqualTo(name);
        assertThat(agency.path("state").asText()).isEqualTo("KS");
        assertThat(agency.path("agreements")).hasSize(2);
        JsonNode first = agency.path("agreements").get(0);
        assertThat(first.path("agreementId").asText()).isEqualTo(jem);
        assertThat(first.path("inForce").asBoolean()).isFalse();
        assertThat(first.path("history")).hasSize(2);
        assertThat(first.path("history").get(1).path("type").asText()).isEqualTo("AgreementWithdrawn");
        assertThat(agency.path("agreements").get(1).path("agreementId").asText()).isEqualTo(tfm);
        assertThat(agency.path("agreements").get(1).path("inForce").asBoolean()).isTrue();
        assertThat(fieldOfEach(agency.path("agreements"), "agencyId")).containsOnly(agencyId);
        assertThat(agency.path("otherAgencyIds")).isEmpty();
    }

    /**
     * ICE corrected the name an agreement was signed under, and a second agreement was signed under the
     * corrected name: asked by either id, the agency is the one of the corrected name, with both.
     */
    @Test
    void aRenamedAgencyIsFoundUnderEitherIdWithTheAgreementsOfItsNewName() {
        String suffix = uniqueAgency("");
        String misspelt = "Mantiowoc County" + suffix;
        String corrected = "Manitowoc County" + suffix;
        String renamed = ledger.sign(new SignAgreement(UsState.WI, misspelt, "Manitowoc", "County", SupportModel.JEM,
                LocalDate.of(2023, 1, 2), null, null, LocalDate.of(2023, 1, 9), PRESS));
        String second = ledger.sign(new SignAgreement(UsState.WI, corrected, "Manitowoc", "County", SupportModel.TFM,
                LocalDate.of(2024, 1, 2), null, null, LocalDate.of(2024, 1, 9), PRESS));
        ledger.amend(new CorrectAgreement(renamed, CorrectableField.agencyName, misspelt, corrected, null,
                LocalDate.of(2024, 2, 1), PRESS, null));
        String oldId = AgencyId.of(UsState.WI, misspelt);
        String newId = AgencyId.of(UsState.WI, corrected);

        for (String asked : List.of(oldId, newId)) {
            ResponseEntity<JsonNode> response = http.getForEntity("/api/agencies/{id}", JsonNode.class, asked);
            assertThat(response.getStatusCode()).as(asked).isEqualTo(HttpStatus.OK);
            JsonNode agency = response.getBody();
            assertThat(agency.path("agencyId").asText()).as(asked).isEqualTo(newId);
            assertThat(agency.path("agencyName").asText()).as(asked).isEqualTo(corrected);
            assertThat(agency.path("otherAgencyIds")).as(asked).hasSize(1);
            assertThat(agency.path("otherAgencyIds").get(0).asText()).as(asked).isEqualTo(oldId);
            assertThat(fieldOfEach(agency.path("agreements"), "agreementId")).as(asked)
                    .containsExactly(renamed, second);
            assertThat(fieldOfEach(agency.path("agreements"), "agencyId")).as(asked).containsOnly(newId);
            assertThat(agency.path("agreements").get(0).path("history")).as(asked).hasSize(2);
        }
    }

    /**
     * Of two agreements signed under one name, ICE corrected one's: the old id still names the agency
     * holding the other, and answers both (each saying which agency it is now); the new id answers the
     * renamed one.
     */
    @Test
    void anIdStillInUseAnswersItsAgencyAndTheAgreementsRenamedAwayFromIt() {
        String name = uniqueAgency("Split");
        String kept = ledger.sign(new SignAgreement(UsState.VT, name, null, null, SupportModel.JEM,
                LocalDate.of(2023, 1, 2), null, null, LocalDate.of(2023, 1, 9), PRESS));
        String moved = ledger.sign(new SignAgreement(UsState.VT, name, null, null, SupportModel.TFM,
                LocalDate.of(2023, 1, 2), null, null, LocalDate.of(2023, 1, 9), PRESS));
        String otherName = "Other " + name;
        ledger.amend(new CorrectAgreement(moved, CorrectableField.agencyName, name, otherName, null,
                LocalDate.of(2024, 2, 1), PRESS, null));
        String signedId = AgencyId.of(UsState.VT, name);
        String otherId = AgencyId.of(UsState.VT, otherName);

        JsonNode asSigned = http.getForObject("/api/agencies/{id}", JsonNode.class, signedId);
        assertThat(asSigned.path("agencyId").asText()).isEqualTo(signedId);
        assertThat(asSigned.path("agencyName").asText()).isEqualTo(name);
        assertThat(fieldOfEach(asSigned.path("agreements"), "agreementId")).containsExactly(kept, moved);
        assertThat(fieldOfEach(asSigned.path("agreements"), "agencyId")).containsExactly(signedId, otherId);
        assertThat(asSigned.path("otherAgencyIds").get(0).asText()).isEqualTo(otherId);

        JsonNode asRenamed = http.getForObject("/api/agencies/{id}", JsonNode.class, otherId);
        assertThat(asRenamed.path("agencyId").asText()).isEqualTo(otherId);
        assertThat(asRenamed.path("agencyName").asText()).isEqualTo(otherName);
        assertThat(fieldOfEach(asRenamed.path("agreements"), "agreementId")).containsExactly(moved);
        assertThat(asRenamed.path("otherAgencyIds").get(0).asText()).isEqualTo(signedId);
    }

    @Test
    void anUnknownAgencyIsA404ProblemNamingIt() {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/agencies/{id}", JsonNode.class,
                "ZZ-no-such-agency");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("field").asText()).isEqualTo("agencyId");
        assertThat(response.getBody().path("detail").asText()).startsWith("agencyId: ");
    }

    @Test
    void theOpenApiDocumentDescribesEveryReadEndpointAndThePageIsServed() {
        JsonNode openApi = http.getForObject("/v3/api-docs", JsonNode.class);
        assertThat(openApi.path("paths").fieldNames()).toIterable().contains("/api/reports/counts",
                "/api/reports/timeline", "/api/agreements", "/api/reports/agreements", "/api/agreements/{agreementId}/history",
                "/api/agencies/{agencyId}", "/api/reports/reconciliation");
        assertThat(openApi.path("paths").path("/api/reports/counts").path("get").path("responses").path("200")
                .path("content").fieldNames()).toIterable().contains("application/json", "text/csv");
        JsonNode schemas = openApi.path("components").path("schemas");
        assertThat(schemas.path("CountsDocument").path("properties").path("states").path("description").asText())
                .contains("District of Columbia");
        assertThat(schemas.path("CountsDocument").path("properties").path("territories").path("description").asText())
                .contains("territories");
        assertThat(schemas.path("TimelinePoint").path("properties").has("territories")).isTrue();
        assertThat(schemas.path("AgencyDocument").path("properties").has("otherAgencyIds")).isTrue();
        JsonNode line = schemas.path("ReconciliationLine").path("properties");
        assertThat(line.fieldNames()).toIterable().contains("ledgerValue", "ledgerValueByPrintedName", "difference",
                "verdict", "publication", "nearestMatch", "otherMeasureMatch", "explanation");
        assertThat(line.path("ledgerValueByPrintedName").path("description").asText()).contains("printed name");
        assertThat(schemas.path("ListMatch").path("properties").path("reading").path("description").asText())
                .contains("territories excluded");
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> page = http.getForEntity("/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("timeline-chart").doesNotContain("https://cdn");
        ResponseEntity<String> chart = http.getForEntity("/webjars/chart.js/dist/chart.umd.min.js", String.class);
        assertThat(chart.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/report.js", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
