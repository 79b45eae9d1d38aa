package org.agreementledger.evolution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.agreementledger.api.AgreementRequestId;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.RequestAgreement;
import org.agreementledger.api.RequestClosure;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Writes the old-ledger fixture {@link OldLedgerLoadsTest} loads: a small ledger holding every
 * event type, written by the application as it is when this runs, dumped as SQL with its chain and
 * the counts its reports answer. Not part of the build; run it once before an event's shape changes:
 * <pre>
 * ./mvnw -B -o verify -pl ledger-api -am -Dtest=OldLedgerWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DskipITs -Dledger.fixture.write=$PWD/ledger-api/src/test/resources/evolution
 * </pre>
 * (the property reaches the test JVM through Surefire's systemPropertyVariables or argLine; see the pom).
 */
@EnabledIfSystemProperty(named = "ledger.fixture.write", matches = ".+")
@TestPropertySource(properties = {"ledger.test.ledger=old-ledger-writer",
        "ledger.imports.review.minimum-in-force=1"})
class OldLedgerWriter extends LedgerIntegrationTest {

    /** The report questions whose answers the fixture keeps: (asOf, knownAt) pairs. */
    static final List<LocalDate[]> QUESTIONS = List.of(
            new LocalDate[] {LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 1)},
            new LocalDate[] {LocalDate.of(2025, 5, 2), LocalDate.of(2025, 5, 2)},
            new LocalDate[] {LocalDate.of(2025, 5, 3), LocalDate.of(2025, 5, 3)},
            new LocalDate[] {LocalDate.of(2025, 5, 5), LocalDate.of(2025, 5, 5)},
            new LocalDate[] {LocalDate.of(2025, 5, 2), LocalDate.of(2025, 6, 30)},
            new LocalDate[] {LocalDate.of(2025, 5, 7), LocalDate.of(2025, 5, 7)},
            new LocalDate[] {LocalDate.of(2025, 5, 8), LocalDate.of(2025, 5, 8)},
            new LocalDate[] {LocalDate.of(2025, 5, 4), LocalDate.of(2025, 5, 8)},
            new LocalDate[] {LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 30)});

    @Autowired
    PublicationImporter importer;
    @Autowired
    CommandGateway commands;
    @Autowired
    AgreementReports reports;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private static List<Object> row(String agency, String model, Object signed) {
        return List.of("OHIO", agency, "County", "Butler", model, signed, "link");
    }

    private ImportReport publish(String date, List<List<Object>> rows) {
        List<List<Object>> sheet = new ArrayList<>();
        sheet.add(TestWorkbooks.HEADER);
        sheet.addAll(rows);
        String name = "participatingAgencies" + date + "am.xlsx";
        return importer.importFile(TestWorkbooks.write(dir.resolve(name), sheet), name, null, Progress.NONE);
    }

    private void capture(String name, String manifestKind, String origin, List<List<Object>> rows) {
        List<List<Object>> sheet = new ArrayList<>();
        sheet.add(TestWorkbooks.HEADER);
        sheet.addAll(rows);
        Path file = TestWorkbooks.write(dir.resolve(name), sheet);
        importer.importFile(file, new Publication.Naming(name, null, null, null, manifestKind, origin), null,
                Progress.NONE);
    }

    @Test
    void writeTheFixture() throws Exception {
        List<Object> alpha = row("Alpha County Sheriff's Office", "Jail Enforcement Model", LocalDate.of(2025, 1, 10));
        List<Object> beta = row("Beta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 2, 1));
        List<Object> gamma = row("Gamma Police Department", "Warrant Service Officer", LocalDate.of(2025, 3, 1));
        List<Object> delta = row("Delta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 3, 5));
        List<Object> epsilon = row("Epsilon City Police Department", "Task Force Model", LocalDate.of(2025, 4, 1));
        // signings (an import: the batch path), then a model change and a corrected signing date
        publish("05012025", List.of(alpha, beta, gamma, delta, epsilon));
        publish("05022025", List.of(row("Alpha County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 1, 10)),
                row("Beta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 2, 2)), gamma, delta, epsilon));
        // a list dropping three of five is held; released, it withdraws them
        ImportReport held = publish("05032025", List.of(beta, gamma));
        importer.release(held.sha256(), "ICE confirmed the withdrawals",
                dir.resolve("participatingAgencies05032025am.xlsx"), Progress.NONE);
        // another such list is held and rejected
        ImportReport heldAgain = publish("05042025", List.of(gamma));
        importer.reject(heldAgain.sha256(), "ICE posted half a list");

        // what no list says: a reinstatement, a correction of a fact, a request signed and one dropped
        String deltaId = "OH-delta-county-sheriffs-office#TFM#2025-03-05";
        commands.sendAndWait(new ReinstateAgreement(deltaId, LocalDate.of(2025, 5, 5), LocalDate.of(2025, 5, 5),
                TestAgreements.PRESS, null));
        commands.sendAndWait(new CorrectAgreement(deltaId, CorrectableField.county, "Butler", "Warren",
                LocalDate.of(2025, 5, 6), LocalDate.of(2025, 5, 6), TestAgreements.PRESS, null));
        String agency = "OH-zeta-county-sheriffs-office";
        String signedRequest = AgreementRequestId.of(agency, SupportModel.JEM, LocalDate.of(2025, 4, 20));
        commands.sendAndWait(new RequestAgreement(signedRequest, UsState.OH, "Zeta County Sheriff's Office", "Zeta",
                "County", SupportModel.JEM, LocalDate.of(2025, 4, 20), LocalDate.of(2025, 4, 21), TestAgreements.PRESS));
        commands.sendAndWait(new CloseAgreementRequest(signedRequest, RequestClosure.REMOVED_FROM_PENDING_LIST, null,
                LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 2), TestAgreements.PRESS));

        // lists the Wayback Machine captured (their sources say so, in the old shape inside the title): the
        // table on ICE's web page, extracted to a workbook by a third party, and ICE's own spreadsheet
        List<Object> eta = row("Eta County Sheriff's Office", "Jail Enforcement Model", LocalDate.of(2025, 5, 1));
        List<Object> theta = row("Theta Police Department", "Task Force Model", LocalDate.of(2025, 5, 2));
        capture("ParticipatingEntities-20250507093012.xlsx", "ice-web-page-table",
                "https://github.com/RelevantResearch/287g-DetentionData/blob/4f9d1c35b402db277e61c03bc85f8230713c4f3b"
                        + "/participatingAgencies/ParticipatingEntities-20250507093012.xlsx", List.of(beta, gamma, delta, eta));
        capture("participatingAgencies-20250508101500.xlsx", "ice-sheet-wayback-capture",
                "https://web.archive.org/web/20250508101500/https://www.ice.gov/doclib/about/offices/ero/287g"
                        + "/participatingAgencies.xlsx", List.of(beta, gamma, delta, eta, theta));

        // the reports as a rebuild from the whole store answers them, as the loading test asks them
        rebuild.rebuild(Duration.ofSeconds(1), progress -> { });
        Path target = Path.of(System.getProperty("ledger.fixture.write"));
        Files.writeString(target.resolve(OldLedgerLoadsTest.DUMP), dump(), StandardCharsets.UTF_8);
        Files.writeString(target.resolve(OldLedgerLoadsTest.CHAIN), chain(), StandardCharsets.UTF_8);
        StringBuilder counts = new StringBuilder();
        for (LocalDate[] question : QUESTIONS) {
            counts.append(reports.counts(question[0], question[1])).append('\n');
        }
        Files.writeString(target.resolve(OldLedgerLoadsTest.COUNTS), counts.toString(), StandardCharsets.UTF_8);
    }

    /** The event store's rows as one INSERT, payloads and metadata as their UTF-8 JSON text. */
    private String dump() {
        StringBuilder sql = new StringBuilder("""
                -- A ledger written by the application before AgreementSigned's source gained a capture
                -- (revision 2): every event type, written by OldLedgerWriter (see its comment for how).
                -- Payloads and metadata are the stored bytes, as their UTF-8 text.
                insert into domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber,
                    type, timestamp, payloadtype, payloadrevision, payload, metadata) values
                """);
        List<String> rows = jdbc.query("""
                select globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                       payloadtype, payloadrevision, payload, metadata
                from domainevententry order by globalindex""", (row, n) -> "(" + row.getLong(1) + ", "
                + text(row.getString(2)) + ", " + text(row.getString(3)) + ", " + row.getLong(4) + ", "
                + text(row.getString(5)) + ", " + text(row.getString(6)) + ", " + text(row.getString(7)) + ", "
                + text(row.getString(8)) + ", " + bytes(row.getBytes(9)) + ", " + bytes(row.getBytes(10)) + ")");
        sql.append(String.join(",\n", rows)).append(";\n");
        sql.append("select setval(pg_get_serial_sequence('domainevententry', 'globalindex'),"
                + " (select max(globalindex) from domainevententry));\n");
        return sql.toString();
    }

    private static String text(String value) {
        return value == null ? "null" : "'" + value.replace("'", "''") + "'";
    }

    private static String bytes(byte[] value) {
        if (value == null) {
            return "null";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), value)) {
            return "'\\x" + HexFormat.of().formatHex(value) + "'::bytea";
        }
        return "convert_to(" + text(text) + ", 'UTF8')";
    }

    /** Every link of the chain: position, global index, hash in hex. */
    private String chain() {
        return String.join("\n", jdbc.query("select position, globalindex, hash from ledger_chain order by position",
                (row, n) -> row.getLong(1) + "," + row.getLong(2) + "," + HexFormat.of().formatHex(row.getBytes(3))))
                + "\n";
    }
}
