package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Over HTTP, with the default upload limit: the zip bomb of about 92:1 (5.7 MB inflating to 525 MB,
 * under POI's ratio guard) is a 400 problem document within a second, with nothing appended; a
 * hostile workbook within the budget, every row of it a rejected note, is recorded with a report of
 * bounded size.
 */
@TestPropertySource(properties = "ledger.test.ledger=workbook-budget")
class WorkbookBudgetApiTest extends LedgerIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    // bounded, so that a server still parsing the bomb fails the test instead of hanging it
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> upload(Path file, String name) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?fileName=" + name))
                .header("Authorization", "Bearer " + ARCHIVIST_TOKEN).header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBombUnderPoisRatioIsAProblemDocumentWithinASecond() throws Exception {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        Path bomb = TestWorkbooks.inflatingTo(small, dir.resolve("bomb.xlsx"), 525_000_000, 2750);
        long events = new EventStoreRows(jdbc).count();
        long publications = jdbc.queryForObject("select count(*) from imported_publication", Long.class);

        long started = System.nanoTime();
        HttpResponse<String> answer = upload(bomb, "participatingAgencies06062025am.xlsx");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("the %,d-byte bomb (525 MB inflated) answered %d in %d ms%n", Files.size(bomb),
                answer.statusCode(), took.toMillis());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("field").asText()).isEqualTo("file");
        assertThat(problem.get("detail").asText()).contains("refused as a zip bomb")
                .contains("xl/worksheets/sheet1.xml declares");
        assertThat(took).as("upload of 5.7 MB and refusal").isLessThan(Duration.ofSeconds(1));
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from imported_publication", Long.class)).isEqualTo(publications);
    }

    @Test
    void aHostileWorkbookWithinTheBudgetIsRecordedWithABoundedReport() throws Exception {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        // 3,000 rows, each a STATE of 2,750 characters no rule reads: about 9 MB of XML
        Path hostile = TestWorkbooks.inflatingTo(small, dir.resolve("hostile.xlsx"), 9_000_000, 2750);

        HttpResponse<String> answer = upload(hostile, "participatingAgencies06072025am.xlsx");

        assertThat(answer.statusCode()).as(answer.body().substring(0, Math.min(500, answer.body().length())))
                .isIn(200, 202);
        ImportReport report = json.readValue(answer.body(), ImportReport.class);
        assertThat(report.rowsRead()).isGreaterThan(3000);
        assertThat(report.rejected()).as("rejected notes: the first ones and one saying how many more")
                .hasSize(ImportReport.MAX_NOTES + 1);
        assertThat(report.rejected().get(ImportReport.MAX_NOTES).note())
                .startsWith(String.format("and %,d more rows", report.rowsRead() - ImportReport.MAX_NOTES));
        assertThat(report.rejected()).allSatisfy(note -> {
            assertThat(note.raw().length()).isLessThanOrEqualTo(200);
            assertThat(note.note().length()).isLessThanOrEqualTo(1000);
        });
        Long stored = jdbc.queryForObject("select max(octet_length(report::text)) from imported_publication"
                + " where sha256 = ?", Long.class, report.sha256());
        System.out.printf("a %,d-row hostile workbook recorded with a report of %,d bytes (%s)%n", report.rowsRead(),
                stored, report.outcome());
        assertThat(stored).as("the stored report, bytes of JSON").isLessThan(1_000_000L);
    }
}
