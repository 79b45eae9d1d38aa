package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;

import org.agreementledger.cli.CommandLineRuns.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.LedgerDatabaseExtension.TestDatabase;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command line, in process, on a database of its own: append then history; bad input exits 2
 * with the flag named on stderr and nothing appended.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class LedgerCliTest {

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = CommandLineRuns.useNewDatabase();
        // the schema the application creates, so a refused first command has a store to leave empty
        CommandLineRuns.migrate();
    }

    @AfterAll
    static void forgetDatabase() {
        CommandLineRuns.forgetDatabase();
    }

    private static long events() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void appendSignThenHistoryShowsTheEventWithItsDatesAndSource() {
        String agency = TestAgreements.uniqueAgency("Cli");
        Run sign = ledger("append", "sign", "--state", "ALABAMA", "--agency-name", agency, "--county", "Colbert",
                "--agency-type", "County", "--model", "TFM", "--signed-on", "2025-02-03", "--known-on", "2025-05-16",
                "--source-kind", "ice-sheet", "--source-title", "ICE participating agencies 2025-05-16 am",
                "--source-ref", "participatingAgencies05162025am.xlsx");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        String id = "AL-" + org.agreementledger.api.AgencyId.slug(agency) + "#TFM#2025-02-03";
        assertThat(sign.out()).contains("appended sign to " + id);

        Run history = ledger("history", id);

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out())
                .contains("AgreementSigned")
                .containsPattern("AgreementSigned\\s+2025-02-03\\s+2025-05-16\\s+\\d{4}-\\d{2}-\\d{2}T\\S+Z\\s+"
                        + "ice_sheet: ICE participating agencies 2025-05-16 am <participatingAgencies05162025am.xlsx>")
                .contains(agency + " (AL, Colbert) signed Task Force Model on 2025-02-03");

        Run json = ledger("history", "--format", "json", id);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"knownOn\" : \"2025-05-16\"").contains("\"appendedAt\"");
    }

    @Test
    void badInputExitsTwoNamingTheFlagAndAppendsNothing() throws SQLException {
        long before = events();

        Run badDate = ledger("append", "sign", "--state", "AL", "--agency-name", "X Sheriff's Office",
                "--model", "JEM", "--signed-on", "2025/01/02", "--source-title", "x");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("--signed-on (signedOn)").contains("not an ISO date");

        Run badModel = ledger("append", "sign", "--state", "AL", "--agency-name", "X Sheriff's Office",
                "--model", "XYZ", "--signed-on", "2025-01-02", "--source-title", "x");
        assertThat(badModel.exitCode()).isEqualTo(2);
        assertThat(badModel.err()).contains("--model (model)").contains("unknown support model 'XYZ'");

        Run missing = ledger("append", "withdraw", "--agreement-id", "AL-x#JEM#2025-01-02",
                "--effective-on", "2025-01-03", "--source-title", "x");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--reason");

        Run ghost = ledger("append", "withdraw", "--agreement-id", "AL-ghost#JEM#2025-01-02", "--reason",
                "terminated-by-ice", "--effective-on", "2025-01-03", "--source-title", "x");
        assertThat(ghost.exitCode()).isEqualTo(2);
        assertThat(ghost.err()).contains("--agreement-id (agreementId): no agreement 'AL-ghost#JEM#2025-01-02'");
        Run noHistory = ledger("history", "AL-ghost#JEM#2025-01-02");
        assertThat(noHistory.exitCode()).isEqualTo(2);
        assertThat(noHistory.err()).contains("error: AGREEMENT_ID (agreementId): no agreement 'AL-ghost#JEM#2025-01-02'");
        Run countsFormat = ledger("counts", "--as-of", "2025-01-02", "--format", "xml");
        assertThat(countsFormat.exitCode()).isEqualTo(2);
        assertThat(countsFormat.err()).contains("--format (format): unknown format 'xml'; expected table, json or csv");
        Run reconcileFormat = ledger("reconcile", "--format", "html");
        assertThat(reconcileFormat.exitCode()).isEqualTo(2);
        assertThat(reconcileFormat.err())
                .contains("--format (format): unknown format 'html'; expected table, markdown, json or csv");

        assertThat(events()).isEqualTo(before);
    }

    @Test
    void syntheticSourcesIllFormedTextAndEarlySigningsAreRefusedNamingTheFlag() throws SQLException {
        long before = events();
        String[] sign = {"append", "sign", "--state", "AL", "--agency-name", TestAgreements.uniqueAgency("Cli"),
                "--model", "JEM", "--signed-on", "2025-01-02", "--known-on", "2025-05-16", "--source-title", "x"};

        Run synthetic = ledger(with(sign, "--source-kind", "synthetic"));
        assertThat(synthetic.exitCode()).as(synthetic.err()).isEqualTo(2);
        assertThat(synthetic.err()).contains("--source-kind (source.kind): 'synthetic' is written only by the demo"
                + " loader (bin/ledger demo) into a ledger of its own");
        Run withdrawal = ledger("append", "withdraw", "--agreement-id", "AL-x#JEM#2025-01-02", "--reason",
                "terminated-by-ice", "--effective-on", "2025-01-03", "--source-title", "x", "--source-kind", "SYNTHETIC");
        assertThat(withdrawal.exitCode()).isEqualTo(2);
        assertThat(withdrawal.err()).contains("--source-kind (source.kind)");

        Run surrogate = ledger(with(sign, "--county", "Col\ud800bert"));
        assertThat(surrogate.exitCode()).isEqualTo(2);
        assertThat(surrogate.err()).contains("--county (county): is not well-formed text: an unpaired UTF-16 surrogate"
                + " (U+D800) at character 4");
        Run type = ledger(with(sign, "--agency-type", "County \udc00"));
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("--agency-type (agencyType): is not well-formed text");

        Run early = ledger(with(sign, "--effective-on", "2024-01-01"));
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("--effective-on (effectiveOn): 2024-01-01 is before signedOn 2025-01-02");

        Run token = ledger("token", "create", "--role", "auditor", "--name", "Jane \ud800");
        assertThat(token.exitCode()).isEqualTo(2);
        assertThat(token.err()).contains("(name): is not well-formed text");

        assertThat(events()).isEqualTo(before);
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void importPrintsEachPublicationsReportAndRefusesBadFilesWithExitTwo(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        java.nio.file.Path notAWorkbook = java.nio.file.Files.writeString(dir.resolve("participatingAgencies06062025am.xlsx"),
                "<html>Access denied</html>");
        long before = events();
        Run refused = ledger("import", notAWorkbook.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("error: FILE (file): ");
        Run missing = ledger("import", dir.resolve("nowhere.xlsx").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(events()).isEqualTo(before);

        java.nio.file.Path first = org.agreementledger.importing.IceSheetFiles.named("participatingAgencies05162025am.xlsx");
        Run imported = ledger("import", first.toString(), first.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("participatingAgencies05162025am.xlsx  published 2025-05-16 am  sha256 46f827da806f…  IMPORTED")
                .contains("rows read 571; agreements listed 571; agencies listed 462")
                .contains("row 545, SIGNED '05/082025': read as 2025-05-08 by rule MISSING_SEPARATOR")
                .contains("ALREADY IMPORTED");
        assertThat(imported.err()).contains("read participatingAgencies05162025am.xlsx").contains("571/571");
    }

    @Test
    void helpIsEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"append", "--help"}, {"append", "sign", "--help"},
                {"history", "--help"}, {"serve", "--help"}, {"import", "--help"}, {"counts", "--help"},
                {"publications", "reject", "--help"}, {"token", "create", "--help"}, {"digest", "--help"}}) {
            Run help = ledger(args);
            assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).startsWith("Usage: ledger");
            boolean parentOnly = args.length == 1 || args.length == 2 && args[0].equals("append");
            if (!parentOnly) {
                assertThat(help.out()).as("every command works on a chosen ledger").contains("--data-dir=DIR");
            }
        }
        assertThat(ledger().exitCode()).isEqualTo(2);
        assertThat(ledger("frobnicate").exitCode()).isEqualTo(2);
    }
}
