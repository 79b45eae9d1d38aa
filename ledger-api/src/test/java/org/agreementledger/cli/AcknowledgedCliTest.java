package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.agreementledger.api.AgencyId;
import org.agreementledger.cli.CommandLineRuns.Run;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.app.WorkbookFigures;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.LedgerDatabaseExtension.TestDatabase;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the command line an import or append is acknowledged by its exit: by then the report tables
 * hold it, although the ledger that appended it has stopped with the command. Read here straight
 * from the tables, with SQL, once the command has exited: no report processor runs any more to
 * catch up afterwards.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class AcknowledgedCliTest {

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = CommandLineRuns.useNewDatabase();
    }

    @AfterAll
    static void forgetDatabase() {
        CommandLineRuns.forgetDatabase();
    }

    /** Agreements in force on {@code day} as known on {@code day}, in the published report tables. */
    private static long inForce(LocalDate day) throws SQLException {
        return single("select count(*) from report_agreement_version where generation = (select published from"
                + " report_generation) and valid @> ?::date and known @> ?::date", day.toString(), day.toString());
    }

    private static long single(String sql, String... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void whenImportAndAppendExitTheReportTablesHoldWhatTheyAppended() throws Exception {
        Path file = IceSheetFiles.named("participatingAgencies05162025am.xlsx");
        Run imported = ledger("import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).as("no word of reports behind").doesNotContain("note:");
        LocalDate day = Publication.of(file).publishedOn();
        assertThat(inForce(day)).as("in force on %s as known then, read once the import exited", day)
                .isEqualTo(WorkbookFigures.of(file).agreements());

        String agency = TestAgreements.uniqueAgency("Exit");
        Run signed = ledger("append", "sign", "--state", "ND", "--agency-name", agency, "--agency-type", "County",
                "--model", "JEM", "--signed-on", "2025-01-02", "--known-on", "2025-01-05", "--source-title",
                "Test Gazette");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(single("select count(*) from report_agreement_version where agreement_id = ?",
                "ND-" + AgencyId.slug(agency) + "#JEM#2025-01-02")).as("the signing's versions").isPositive();
    }

    @AfterAll
    static void icesFilesAreAsPublished() {
        IceSheetFiles.assertUntouched();
    }
}
