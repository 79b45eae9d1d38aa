package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * ICE's lists since 2021, the archive the product runs on, imported with its own manifest into one
 * ledger: on every publication day, as known that day, the ledger counts exactly what that day's last
 * applied list lists; a list held for review leaves the day to the list before it.
 */
@TestPropertySource(properties = "ledger.test.ledger=ice-archive") // a context, and so a database, of its own
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealArchiveTest extends LedgerIntegrationTest {

    static final Path MANIFEST = Path.of("..", "archive", "ice", "MANIFEST.csv").toAbsolutePath().normalize();

    @Autowired
    ManifestImporter importer;
    @Autowired
    CurrentAgreements ledger;
    @Autowired
    AgreementReports reports;
    @Autowired
    ReportProcessor processor;
    @Autowired
    JdbcTemplate jdbc;

    List<ImportReport> imported;

    @BeforeAll
    void importTheArchive() {
        imported = importer.importManifest(PublicationManifest.read(MANIFEST), Progress.NONE);
        processor.awaitCaughtUp(Duration.ofMinutes(2));
    }

    @Test
    @Order(1)
    void everyListIsImportedOrHeldAndOnlyTheTruncatedOneIsHeld() {
        assertThat(imported).hasSize(PublicationManifest.read(MANIFEST).entries().size());
        assertThat(imported).filteredOn(report -> !ImportReport.IMPORTED.equals(report.outcome()))
                .extracting(ImportReport::fileName, ImportReport::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("participatingAgencies04212025am.xlsx",
                        ImportReport.HELD));
        ImportReport misnamed = byFile("participatingAgencies01052025pm.xlsx");
        assertThat(misnamed.publishedOn()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(misnamed.repaired()).anySatisfy(note -> assertThat(note.note()).contains("by rule NAME_YEAR"));
        assertThat(ledger.publications()).filteredOn(p -> p.report().publishedOn().equals(LocalDate.of(2025, 1, 5)))
                .isEmpty();
    }

    /** The invariant the archive exists for, on every publication day. */
    @Test
    @Order(2)
    void onEveryPublicationDayTheCountsAreThatDaysList() {
        NavigableMap<LocalDate, Path> applied = new TreeMap<>();
        Map<String, Path> files = files();
        for (ImportReport report : imported) { // in the order imported: a day's last applied list wins
            if (ImportReport.IMPORTED.equals(report.outcome())) {
                applied.put(report.publishedOn(), files.get(report.fileName()));
            }
        }
        for (ImportReport report : imported) {
            LocalDate day = report.publishedOn();
            Path list = applied.floorEntry(day).getValue();
            ArchiveFigures expected = ArchiveFigures.of(list);
            assertThat(ArchiveFigures.of(reports.counts(day, day)))
                    .as("counts(asOf = knownAt = %s) against %s", day, list.getFileName())
                    .isEqualTo(expected);
        }
    }

    @Test
    @Order(2)
    void theProjectsDatesAreAnsweredFromIcesOwnLists() {
        // straight from the files: the end of the first term, the press's dates
        assertThat(reports.counts(LocalDate.of(2021, 1, 20), LocalDate.of(2021, 1, 20)))
                .satisfies(c -> assertThat(new long[] {c.agreements(), c.agencies(), c.states(),
                        c.byModel().get(org.agreementledger.api.SupportModel.JEM).agreements(),
                        c.byModel().get(org.agreementledger.api.SupportModel.WSO).agreements()})
                        .containsExactly(148, 145, 26, 72, 76));
        assertThat(reports.counts(LocalDate.of(2025, 1, 19), LocalDate.of(2025, 1, 19)))
                .satisfies(c -> assertThat(new long[] {c.agreements(), c.agencies(), c.states()})
                        .containsExactly(135, 133, 21));
        assertThat(reports.counts(LocalDate.of(2026, 1, 26), LocalDate.of(2026, 1, 26)))
                .satisfies(c -> assertThat(new long[] {c.agreements(), c.agencies()}).containsExactly(1372, 1149));
        assertThat(reports.counts(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 13)))
                .satisfies(c -> assertThat(new long[] {c.agreements(), c.agencies()}).containsExactly(1414, 1184));
    }

    /** Agreements of an agency in force on a day, as known today. */
    private List<org.agreementledger.reporting.InForceAgreement> inForce(org.agreementledger.api.UsState state,
                                                                         String agencyId, LocalDate day) {
        return reports.agreementsInForce(day, null, state, null, 0, 1000).agreements().stream()
                .filter(agreement -> agreement.agencyId().equals(agencyId)).toList();
    }

    @Test
    @Order(3)
    void aRenewedAgencyIsInForceWithoutAGapAndARenamedOneCountsOnce() {
        // Knox County, Tennessee: signed 2017-06-15, listed renewed on 2020-06-08 from ICE's list of 2021-04-09
        String knox = "TN-knox-county-sheriffs-office";
        for (LocalDate day : List.of(LocalDate.of(2017, 6, 15), LocalDate.of(2019, 1, 1), LocalDate.of(2020, 6, 7),
                LocalDate.of(2020, 6, 8), LocalDate.of(2021, 1, 20), LocalDate.of(2023, 1, 1))) {
            assertThat(inForce(org.agreementledger.api.UsState.TN, knox, day)).as("Knox County in force on %s", day)
                    .hasSize(1);
        }
        assertThat(inForce(org.agreementledger.api.UsState.TN, knox, LocalDate.of(2020, 6, 8)).get(0).signedOn())
                .isEqualTo(LocalDate.of(2020, 6, 8));
        assertThat(inForce(org.agreementledger.api.UsState.TN, knox, LocalDate.of(2020, 6, 7)).get(0).signedOn())
                .isEqualTo(LocalDate.of(2017, 6, 15));
        // Mantiowoc, corrected to Manitowoc on 2022-08-26: one agency, under its name as known today
        for (LocalDate day : List.of(LocalDate.of(2021, 1, 20), LocalDate.of(2023, 1, 1))) {
            assertThat(inForce(org.agreementledger.api.UsState.WI, "WI-manitowoc-county-sheriffs-office", day))
                    .as("Manitowoc on %s", day).hasSize(1);
            assertThat(inForce(org.agreementledger.api.UsState.WI, "WI-mantiowoc-county-sheriffs-office", day))
                    .isEmpty();
        }
    }

    @Test
    @Order(4)
    void importingTheManifestAgainAppendsNothing() {
        EventStoreRows rows = new EventStoreRows(jdbc);
        long before = rows.count();
        List<ImportReport> again = importer.importManifest(PublicationManifest.read(MANIFEST), Progress.NONE);
        assertThat(again).extracting(ImportReport::outcome).containsOnly(ImportReport.ALREADY_IMPORTED,
                ImportReport.HELD);
        assertThat(rows.count()).isEqualTo(before);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;

    /** The report page on the real record: its chart's series and its figures are the API's. */
    @Test
    @Order(5)
    void thePageShowsTheRealSeriesAndFigures() throws Exception {
        try (org.agreementledger.testing.HeadlessChromium chromium = org.agreementledger.testing.HeadlessChromium.open()) {
            org.openqa.selenium.WebDriver browser = chromium.browser();
            browser.get("http://localhost:" + port + "/");
            chromium.waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.attributeToBeNotEmpty(
                    browser.findElement(org.openqa.selenium.By.id("figures")), "data-as-of"));
            assertThat(browser.findElement(org.openqa.selenium.By.id("synthetic-banner")).isDisplayed())
                    .as("the real record is not labelled synthetic").isFalse();
            var js = (org.openqa.selenium.JavascriptExecutor) browser;
            @SuppressWarnings("unchecked")
            List<List<Number>> series = (List<List<Number>>) js.executeScript("const chart ="
                    + " Chart.getChart(document.getElementById('timeline-chart'));"
                    + " return [chart.data.datasets[0].data.map(p => p.x), chart.data.datasets[0].data.map(p => p.y),"
                    + " chart.data.datasets[1].data.map(p => p.y)];");
            LocalDate first = LocalDate.ofEpochDay(series.get(0).get(0).longValue());
            LocalDate last = LocalDate.ofEpochDay(series.get(0).get(series.get(0).size() - 1).longValue());
            com.fasterxml.jackson.databind.JsonNode timeline = http.getForObject(
                    "/api/reports/timeline?from=" + first + "&to=" + last + "&step=week",
                    com.fasterxml.jackson.databind.JsonNode.class);
            List<Long> agencies = new java.util.ArrayList<>();
            List<Long> agreements = new java.util.ArrayList<>();
            timeline.path("points").forEach(point -> {
                agencies.add(point.path("agencies").asLong());
                agreements.add(point.path("agreements").asLong());
            });
            assertThat(series.get(1).stream().map(Number::longValue).toList()).as("agencies week by week")
                    .isEqualTo(agencies);
            assertThat(series.get(2).stream().map(Number::longValue).toList()).as("agreements week by week")
                    .isEqualTo(agreements);
            // after ICE's last list the series is that list, counted straight from its file
            assertThat(last).isAfter(LocalDate.of(2026, 2, 27));
            assertThat(agreements.get(agreements.size() - 1)).as("agreements in force after the last list")
                    .isEqualTo((long) ArchiveFigures.of(files().get("participatingAgencies02272026am.xlsx")).agreements());

            js.executeScript("const input = document.getElementById('as-of');"
                    + " input.value = '2026-01-26'; input.dispatchEvent(new Event('change'));");
            chromium.waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe(
                    org.openqa.selenium.By.id("figures"), "data-as-of", "2026-01-26"));
            com.fasterxml.jackson.databind.JsonNode counts = http.getForObject("/api/reports/counts?asOf=2026-01-26",
                    com.fasterxml.jackson.databind.JsonNode.class);
            java.text.NumberFormat number = java.text.NumberFormat.getIntegerInstance(java.util.Locale.US);
            assertThat(browser.findElement(org.openqa.selenium.By.id("figure-agreements")).getText())
                    .isEqualTo(number.format(counts.path("agreements").asLong()));
            assertThat(browser.findElement(org.openqa.selenium.By.id("figure-agencies")).getText())
                    .isEqualTo(number.format(counts.path("agencies").asLong()));
            assertThat(browser.findElement(org.openqa.selenium.By.id("figure-states")).getText())
                    .isEqualTo(number.format(counts.path("states").asLong()));
            assertThat(browser.findElement(org.openqa.selenium.By.id("figure-territories")).getText())
                    .isEqualTo(number.format(counts.path("territories").asLong())).isEqualTo("2");
        }
    }

    private ImportReport byFile(String fileName) {
        return imported.stream().filter(report -> report.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    private static Map<String, Path> files() {
        Map<String, Path> files = new TreeMap<>();
        PublicationManifest.read(MANIFEST).entries().forEach(entry -> files.put(entry.fileName(), entry.file()));
        return files;
    }
}
