package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.agreementledger.api.ImportReport;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;
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
            assertThat(figures(reports.counts(day, day)))
                    .as("counts(asOf = knownAt = %s) against %s", day, list.getFileName())
                    .isEqualTo(expected);
        }
    }

    @Test
    @Order(3)
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

    private ImportReport byFile(String fileName) {
        return imported.stream().filter(report -> report.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    private static Map<String, Path> files() {
        Map<String, Path> files = new TreeMap<>();
        PublicationManifest.read(MANIFEST).entries().forEach(entry -> files.put(entry.fileName(), entry.file()));
        return files;
    }

    /** The ledger's counts in the oracle's terms. */
    private static ArchiveFigures figures(Counts counts) {
        Map<String, Integer> byModel = new TreeMap<>();
        counts.byModel().forEach((model, tally) -> {
            if (tally.agreements() > 0) {
                byModel.put(model.name(), (int) tally.agreements());
            }
        });
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> agenciesByState = new TreeMap<>();
        counts.byState().forEach((state, tally) -> {
            byState.put(state, (int) tally.agreements());
            agenciesByState.put(state, (int) tally.agencies());
        });
        int territories = (int) byState.keySet().stream().filter(java.util.Set.of("AS", "GU", "MP", "PR", "VI")::contains)
                .count();
        return new ArchiveFigures((int) counts.agreements(), (int) counts.agencies(), byState.size() - territories,
                territories, byModel, byState, agenciesByState);
    }
}
