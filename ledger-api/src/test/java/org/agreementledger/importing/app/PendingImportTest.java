package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.UsState;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * ICE's pending-agencies lists: each agency and model listed is a request, pending from the first
 * list naming it until a signing or a later list closes it; pending agencies count as of a date and
 * as known on a date.
 */
@TestPropertySource(properties = "ledger.test.ledger=pending")
class PendingImportTest extends LedgerIntegrationTest {

    @Autowired
    PublicationImporter importer;
    @Autowired
    CurrentAgreements ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;

    private ImportReport importFile(String name) {
        Path file = IceSheetFiles.named(name);
        return importer.importFile(file, name, null, Progress.NONE);
    }

    /** Distinct agencies on a pending sheet, read with POI's usermodel, not the importer's reader. */
    private static int agenciesOn(String name) {
        Set<String> agencies = new HashSet<>();
        DataFormatter text = new DataFormatter();
        try (InputStream in = Files.newInputStream(IceSheetFiles.named(name)); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                String state = text.formatCellValue(row.getCell(0)).strip();
                if (row.getRowNum() > 0 && !state.isEmpty()) {
                    agencies.add(AgencyId.of(UsState.parse("STATE", state), text.formatCellValue(row.getCell(1))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return agencies.size();
    }

    @Test
    void requestsArePendingFromTheirFirstListUntilSignedOrDropped() {
        importFile("participatingAgencies05162025am.xlsx");
        ImportReport first = importFile("pendingAgencies05192025am.xlsx");
        assertThat(first.kind()).isEqualTo("PENDING");
        assertThat(first.rowsRead()).isEqualTo(82);
        assertThat(first.eventsByKind().get("AgreementRequested")).isEqualTo(first.agreementsListed());
        int listedMay19 = agenciesOn("pendingAgencies05192025am.xlsx");
        assertThat(first.agenciesListed()).isEqualTo(listedMay19);
        LocalDate may19 = LocalDate.of(2025, 5, 19);
        assertThat(ledger.pendingAgencies(may19, may19)).isEqualTo(listedMay19);
        assertThat(ledger.pendingAgencies(may19.minusDays(1), may19)).as("before the first list").isZero();
        assertThat(ledger.pendingAgencies(may19, may19.minusDays(1))).as("before it was known").isZero();

        importFile("participatingAgencies05192025pm.xlsx");
        // the afternoon list signed some requested agreements: no longer pending at the end of the day
        int pendingEndOfMay19 = ledger.pendingAgencies(may19, may19);
        assertThat(pendingEndOfMay19).isLessThanOrEqualTo(listedMay19);
        for (String name : new String[] {"participatingAgencies05202025pm.xlsx",
                "participatingAgencies05232025am.xlsx", "participatingAgencies05232025pm.xlsx",
                "participatingAgencies05282025am.xlsx", "participatingAgencies05292025am.xlsx",
                "participatingAgencies06042025am.xlsx", "participatingAgencies06062025am.xlsx"}) {
            importFile(name);
        }
        long closedBySigning = jdbc.queryForObject(
                "select count(*) from agreement_request where closure = 'SIGNED'", Long.class);
        ImportReport second = importFile("pendingAgencies06062025am.xlsx");
        LocalDate june6 = LocalDate.of(2025, 6, 6);

        assertThat(ledger.pendingAgencies(june6, june6)).isEqualTo(agenciesOn("pendingAgencies06062025am.xlsx"));
        assertThat(ledger.pendingAgencies(may19, may19)).as("the record as it stood on May 19 is unchanged")
                .isEqualTo(pendingEndOfMay19);
        assertThat(ledger.pendingAgencies(may19, june6)).as("nothing learnt later took effect on May 19")
                .isEqualTo(pendingEndOfMay19);
        assertThat(jdbc.queryForObject("select count(*) from agreement_request where closed_on is null", Long.class))
                .isEqualTo(second.agreementsListed());
        // every request closed as signed names an agreement the ledger holds for that agency and model
        assertThat(jdbc.queryForObject("select count(*) from agreement_request r join current_agreement a"
                + " on a.agreement_id = r.agreement_id and a.agency_id = r.agency_id and a.model = r.model"
                + " where r.closure = 'SIGNED'", Long.class))
                .isEqualTo(jdbc.queryForObject("select count(*) from agreement_request where closure = 'SIGNED'",
                        Long.class));
        assertThat(closedBySigning).as("signings in later participating lists closed requests").isPositive();

        com.fasterxml.jackson.databind.JsonNode counts = http.getForObject(
                "/api/reports/counts?asOf=2025-06-06&knownAt=2025-06-06", com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(counts.path("pendingAgencies").asInt()).isEqualTo(agenciesOn("pendingAgencies06062025am.xlsx"));
    }
}
