package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.cli.CommandLineRuns.Run;
import org.agreementledger.importing.IceSheetFiles;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ledger import --manifest}, in process, on a ledger of
 * their own: a malformed manifest exits 2 with nothing appended; refused files are reported and the
 * run goes on (exit 1).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportManifestCliTest extends CommandLineLedgerTest {

    @TempDir
    static Path dir;

    private static Path manifest(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    @Order(1)
    void aMalformedManifestExitsTwoNamingItsLineAndColumnAndAppendsNothing() throws Exception {
        long before = events();
        Run noFileColumn = ledger("import", "--manifest", manifest("a.csv", "name,publishedOn", "x.xlsx,").toString());
        assertThat(noFileColumn.exitCode()).isEqualTo(2);
        assertThat(noFileColumn.err()).contains("--manifest (manifest): a.csv line 1: the header has no 'file' column");

        Run badDate = ledger("import", "--manifest",
                manifest("b.csv", "file,publishedOn,edition", "x.xlsx,2025-13-01,").toString());
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("b.csv line 2, column publishedOn");

        Run badEdition = ledger("import", "--manifest",
                manifest("c.csv", "file,publishedOn,edition", "x.xlsx,,evening").toString());
        assertThat(badEdition.exitCode()).isEqualTo(2);
        assertThat(badEdition.err()).contains("c.csv line 2, column edition").contains("unknown edition 'evening'");

        Run missing = ledger("import", "--manifest", dir.resolve("nowhere.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");

        Run both = ledger("import", "--manifest", manifest("d.csv", "file").toString(), "x.xlsx");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void filesAreImportedInPublicationOrderAndRefusedOnesAreReportedWhileTheRunGoesOn() throws Exception {
        Path may16 = Files.copy(IceSheetFiles.named("participatingAgencies05162025am.xlsx"),
                dir.resolve("participatingAgencies05162025am.xlsx"));
        Path may19 = Files.copy(IceSheetFiles.named("participatingAgencies05192025am.xlsx"),
                dir.resolve("participatingAgencies05192025am.xlsx"));
        Files.writeString(dir.resolve("participatingAgencies05202025am.xlsx"), "<html>Access denied</html>");
        Path listed = manifest("listed.csv", "file,publishedOn,edition,sha256",
                // newest first, as a person might list them: the importer dates each and imports oldest first
                may19.getFileName() + ",,,",
                "participatingAgencies05202025am.xlsx,,,",
                "nowhere.xlsx,,,",
                "renamed.xlsx,2025-05-21,am,",
                may16.getFileName() + ",,," + "0".repeat(64));
        Files.copy(may19, dir.resolve("renamed.xlsx"));
        Run run = ledger("import", "--manifest", listed.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode reports = new ObjectMapper().readTree(run.out());
        List<String> outcomes = new ArrayList<>();
        reports.forEach(report -> outcomes.add(report.get("fileName").asText() + " " + report.get("outcome").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder(
                "participatingAgencies05192025am.xlsx imported",
                "participatingAgencies05202025am.xlsx refused",
                "nowhere.xlsx refused",
                "renamed.xlsx imported",
                "participatingAgencies05162025am.xlsx refused");
        assertThat(reports.findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
                .contains("sha256: the bytes of participatingAgencies05162025am.xlsx have SHA-256"));
        assertThat(reports.findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
                .contains("no such file").contains("manifest line 4"));
        assertThat(reports.findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
                .contains("is not an xlsx workbook"));
        // the same bytes on another day, given by the manifest, are a publication of that day
        assertThat(count("select count(*) from imported_publication")).isEqualTo(2);
        assertThat(count("select count(*) from imported_publication where published_on = '2025-05-21'")).isEqualTo(1);

        Run again = ledger("import", "--manifest", listed.toString());
        assertThat(again.out()).contains("ALREADY IMPORTED").contains("5 files: 2 already imported, 3 refused");
    }
}
