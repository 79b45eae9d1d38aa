package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * ICE's ten real publications, imported in order into a ledger of their own: after each one the
 * agreements in force are exactly those it lists, and importing any of them again appends nothing.
 */
@TestPropertySource(properties = "ledger.test.ledger=ice-sheets") // a context, and so a database, of its own
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationImportTest extends LedgerIntegrationTest {

    @Autowired
    PublicationImporter importer;
    @Autowired
    JdbcTemplate jdbc;

    private record InForce(int agreements, int agencies, Map<String, Integer> byModel, Map<String, Integer> byState,
                           Map<String, Integer> agenciesByState) {
    }

    private InForce inForce() {
        return new InForce(
                jdbc.queryForObject("select count(*) from current_agreement where in_force", Integer.class),
                jdbc.queryForObject("select count(distinct agency_id) from current_agreement where in_force",
                        Integer.class),
                grouped("select model, count(*) from current_agreement where in_force group by model"),
                grouped("select state, count(*) from current_agreement where in_force group by state"),
                grouped("select state, count(distinct agency_id) from current_agreement where in_force group by state"));
    }

    private Map<String, Integer> grouped(String sql) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getInt(2));
        });
        return counts;
    }

    @Test
    @Order(1)
    void eachPublicationLeavesInForceExactlyWhatItLists() {
        EventStoreRows rows = new EventStoreRows(jdbc);
        List<Path> files = IceSheetFiles.participating();
        assertThat(files).hasSize(10);
        for (Path file : files) {
            long before = rows.count();
            ImportReport report = importer.importFile(file, file.getFileName().toString(), null, Progress.NONE);
            WorkbookFigures expected = WorkbookFigures.of(file);

            assertThat(report.outcome()).isEqualTo(ImportReport.IMPORTED);
            assertThat(report.agreementsListed()).as(file + " agreements listed").isEqualTo(expected.agreements());
            assertThat(report.agenciesListed()).as(file + " agencies listed").isEqualTo(expected.agencies());
            assertThat(rows.count() - before).as(file + " events appended, the publication's record included")
                    .isEqualTo(report.eventsAppended() + 1);
            assertThat(inForce()).as(file + " in force after import")
                    .isEqualTo(new InForce(expected.agreements(), expected.agencies(), expected.byModel(),
                            expected.byState(), expected.agenciesByState()));
        }
        assertThat(inForce().agreements()).isEqualTo(649);
        assertThat(inForce().agencies()).isEqualTo(531);
    }

    @Autowired
    org.agreementledger.reporting.AgreementReports reports;
    @Autowired
    org.agreementledger.reporting.ReportProcessor processor;

    /**
     * The invariant that matters, read from the bitemporal projection after all ten imports: on
     * every publication's date, as known on that date, the agreements in force are exactly those
     * it lists, in total, by model and by state.
     */
    @Test
    @Order(3)
    void countsAsOfEachPublicationAsKnownThenEqualWhatItListed() {
        processor.awaitCaughtUp(java.time.Duration.ofMinutes(2));
        // of each date, the last edition is that date's word
        Map<java.time.LocalDate, Path> lastOfDay = new TreeMap<>();
        for (Path file : IceSheetFiles.participating()) {
            lastOfDay.put(Publication.of(file).publishedOn(), file);
        }
        lastOfDay.forEach((day, file) -> assertThat(ArchiveFigures.of(reports.counts(day, day)))
                .as("counts(asOf = knownAt = %s) against %s", day, file.getFileName())
                .isEqualTo(ArchiveFigures.of(file)));
    }

    @org.junit.jupiter.api.AfterAll
    static void icesFilesAreAsPublished() {
        IceSheetFiles.assertUntouched();
    }

    @Test
    @Order(2)
    void importingAnyPublicationAgainAppendsNothing() {
        EventStoreRows rows = new EventStoreRows(jdbc);
        for (Path file : IceSheetFiles.participating()) {
            long before = rows.count();
            ImportReport again = importer.importFile(file, file.getFileName().toString(), null, Progress.NONE);
            assertThat(again.outcome()).isEqualTo(ImportReport.ALREADY_IMPORTED);
            assertThat(again.eventsAppended()).isZero();
            assertThat(rows.count()).isEqualTo(before);
        }
    }
}
