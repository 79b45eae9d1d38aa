package org.agreementledger.watching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code backfill --wayback} against a local stand-in for the Wayback Machine: a CDX listing (in no
 * particular order, with a capture repeated and a file that is no list) and the captures' bytes.
 * It imports in capture order, stops at a capture it cannot fetch, and resumes there.
 */
@TestPropertySource(properties = {"ledger.test.ledger=wayback-backfill", "ledger.watch.min-interval=0s",
        "ledger.watch.backoff=10ms", "ledger.watch.attempts=2", "ledger.watch.timeout=10s"})
class WaybackBackfillTest extends LedgerIntegrationTest {

    static final String DOCLIB = "https://www.ice.gov/doclib/about/offices/ero/287g/";
    static final FakeIce WAYBACK = FakeIce.started();
    static final Path ARCHIVE = FakeIce.temporaryDirectory("wayback-backfill-");
    static final Path SHEETS = IceSheetFiles.directory();

    @DynamicPropertySource
    static void wayback(DynamicPropertyRegistry registry) {
        registry.add("ledger.watch.manifest", () -> ARCHIVE.resolve("MANIFEST.csv").toString());
        registry.add("ledger.watch.wayback.cdx", () -> WAYBACK.base() + "/cdx/search/cdx");
        registry.add("ledger.watch.wayback.web", () -> WAYBACK.base() + "/web/");
    }

    @Autowired
    WaybackBackfill backfill;
    @Autowired
    CurrentAgreements ledger;



    @AfterAll
    static void stop() {
        WAYBACK.close();
    }

    /** The CDX API's JSON output: a header row, then one row a capture (fl=timestamp,original,mimetype,statuscode,digest). */
    static final String CDX = """
            [["timestamp","original","mimetype","statuscode","digest"],
            ["20250521093000","%1$sparticipatingAgencies05202025pm.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","200","CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"],
            ["20250517101500","%1$sparticipatingAgencies05162025am.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","200","AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
            ["20250518000000","%1$s287g-factsheet.pdf","application/pdf","200","XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"],
            ["20250519180000","%1$sparticipatingAgencies05192025am.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","200","BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"],
            ["20250520070000","%1$sparticipatingAgencies05192025am.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","200","BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"]]
            """.formatted(DOCLIB);

    static String capture(String timestamp, String file) {
        return "/web/" + timestamp + "id_/" + DOCLIB + file;
    }

    @Test
    void backfillsInCaptureOrderStopsAtAFailureAndResumesThere() throws Exception {
        WAYBACK.on("/cdx/search/cdx", FakeIce.html(CDX));
        String first = capture("20250517101500", "participatingAgencies05162025am.xlsx");
        String second = capture("20250519180000", "participatingAgencies05192025am.xlsx");
        String third = capture("20250521093000", "participatingAgencies05202025pm.xlsx");
        WAYBACK.on(first, FakeIce.capture(SHEETS.resolve("participatingAgencies05162025am.xlsx"),
                "Fri, 16 May 2025 13:02:11 GMT"));
        WAYBACK.on(second, FakeIce.status(503)); // the Wayback Machine is busy
        WAYBACK.on(third, FakeIce.capture(SHEETS.resolve("participatingAgencies05202025pm.xlsx"), null));

        Check stopped = backfill.backfill(Progress.NONE);

        assertThat(stopped.succeeded()).isFalse();
        assertThat(stopped.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.IMPORTED,
                Finding.Kind.FETCH_FAILED, Finding.Kind.FETCH_FAILED);
        assertThat(stopped.findings().get(2).message()).contains("1 captures after it not fetched");
        assertThat(WAYBACK.requestsFor(third)).as("nothing after the failure").isZero();
        assertThat(WAYBACK.requests).filteredOn(request -> request.path().contains("factsheet")).isEmpty();
        assertThat(WAYBACK.requests.get(0).path()).startsWith("/cdx/search/cdx?url=www.ice.gov%2Fdoclib%2Fabout"
                + "%2Foffices%2Fero%2F287g%2F&matchType=prefix&output=json"
                + "&fl=timestamp,original,mimetype,statuscode,digest&filter=statuscode:200");
        List<String> manifest = Files.readAllLines(ARCHIVE.resolve("MANIFEST.csv"));
        assertThat(manifest).hasSize(2);
        assertThat(manifest.get(1)).startsWith("files/participatingAgencies05162025am.xlsx,"
                + IceSheetFiles.PUBLISHED_SHA256.get("participatingAgencies05162025am.xlsx") + ",")
                .contains(",ice-sheet-wayback-capture,2025-05-17T10:15:00Z," + WAYBACK.base() + first.substring(0))
                .contains("\"Fri, 16 May 2025 13:02:11 GMT\"");

        // the Wayback Machine answers again: the run resumes at the capture it stopped at
        WAYBACK.on(second, FakeIce.capture(SHEETS.resolve("participatingAgencies05192025am.xlsx"), null));
        Check resumed = backfill.backfill(Progress.NONE);

        assertThat(resumed.succeeded()).as(resumed.toString()).isTrue();
        assertThat(resumed.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.IMPORTED, Finding.Kind.IMPORTED);
        assertThat(WAYBACK.requestsFor(first)).as("what was stored is not fetched again").isEqualTo(1);
        assertThat(WAYBACK.requestsFor(capture("20250520070000", "participatingAgencies05192025am.xlsx")))
                .as("the same content captured again").isZero();
        assertThat(ledger.publications()).extracting(p -> p.report().fileName()).containsExactly(
                "participatingAgencies05162025am.xlsx", "participatingAgencies05192025am.xlsx",
                "participatingAgencies05202025pm.xlsx");
        assertThat(ledger.publications()).allSatisfy(p -> assertThat(p.state()).isEqualTo("applied"));
        assertThat(Files.readAllLines(ARCHIVE.resolve("MANIFEST.csv"))).extracting(line -> line.split(",")[0])
                .containsExactly("file", "files/participatingAgencies05162025am.xlsx",
                        "files/participatingAgencies05192025am.xlsx", "files/participatingAgencies05202025pm.xlsx");
    }
}
