package org.agreementledger.watching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The watcher against a local server shaped like ICE's site (no internet): ICE's real lists from
 * ../shared/data, in the order ICE posted them, into a ledger of this class's own. Each test is the
 * next day's check.
 */
@TestPropertySource(properties = {"ledger.test.ledger=ice-watch", "ledger.watch.min-interval=0s",
        "ledger.watch.backoff=10ms", "ledger.watch.attempts=3", "ledger.watch.timeout=10s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IceWatchTest extends LedgerIntegrationTest {

    static final String PAGE = "/identify-and-arrest/287g";
    static final String DOCLIB = "/doclib/about/offices/ero/287g/";
    static final FakeIce ICE = FakeIce.started();
    static final Path ARCHIVE = FakeIce.temporaryDirectory("ice-watch-");
    static final Path MANIFEST = ARCHIVE.resolve("MANIFEST.csv");
    static final Path SHEETS = IceSheetFiles.directory();
    static final Path ICE_ARCHIVE = Path.of("..", "archive", "ice", "files").toAbsolutePath().normalize();

    @DynamicPropertySource
    static void watch(DynamicPropertyRegistry registry) {
        registry.add("ledger.watch.page", () -> ICE.base() + PAGE);
        registry.add("ledger.watch.manifest", MANIFEST::toString);
    }

    @Autowired
    IceWatcher watcher;
    @Autowired
    CurrentAgreements ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;



    @AfterAll
    static void stop() {
        ICE.close();
    }

    private Check watch() throws InterruptedException {
        return watcher.watch(Progress.NONE);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    private static List<String> manifestLines() throws IOException {
        return Files.readAllLines(MANIFEST);
    }

    private static List<String> storedFiles() throws IOException {
        try (Stream<Path> files = Files.list(ARCHIVE.resolve("files"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> incoming() throws IOException {
        try (Stream<Path> files = Files.list(ARCHIVE.resolve(".incoming"))) {
            return files.toList();
        }
    }

    private RecordedPublication recorded(String fileName) {
        return ledger.publications().stream().filter(p -> p.report().fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new AssertionError("no publication " + fileName));
    }

    @Test
    @Order(1)
    void aNewListIsImportedOnceAndTheSameListAgainIsNotModified() throws Exception {
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(
                ICE.base() + DOCLIB + "participatingAgencies05162025am.xlsx", // absolute, as ICE links them
                DOCLIB + "pendingAgencies05192025am.xlsx"))); // relative to the site: the same
        ICE.on(DOCLIB + "participatingAgencies05162025am.xlsx", FakeIce.file(
                SHEETS.resolve("participatingAgencies05162025am.xlsx"), "Fri, 16 May 2025 13:02:11 GMT"));
        ICE.on(DOCLIB + "pendingAgencies05192025am.xlsx", FakeIce.file(
                SHEETS.resolve("pendingAgencies05192025am.xlsx"), "Mon, 19 May 2025 14:40:00 GMT"));

        Check first = watch();

        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(first.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.IMPORTED, Finding.Kind.IMPORTED);
        assertThat(storedFiles()).containsExactly("participatingAgencies05162025am.xlsx",
                "pendingAgencies05192025am.xlsx");
        assertThat(Files.readAllBytes(ARCHIVE.resolve("files/participatingAgencies05162025am.xlsx")))
                .isEqualTo(Files.readAllBytes(SHEETS.resolve("participatingAgencies05162025am.xlsx")));
        List<String> lines = manifestLines();
        assertThat(lines.get(0)).isEqualTo("file,sha256,bytes,kind,capturedAt,origin,fetchedAt,lastModified,etag");
        assertThat(lines.get(1)).startsWith("files/participatingAgencies05162025am.xlsx,"
                        + IceSheetFiles.PUBLISHED_SHA256.get("participatingAgencies05162025am.xlsx") + ","
                        + Files.size(SHEETS.resolve("participatingAgencies05162025am.xlsx")) + ",ice-sheet,,"
                        + ICE.base() + DOCLIB + "participatingAgencies05162025am.xlsx,")
                .contains(",\"Fri, 16 May 2025 13:02:11 GMT\",");
        assertThat(recorded("participatingAgencies05162025am.xlsx").report().publishedOn()).hasToString("2025-05-16");
        assertThat(recorded("participatingAgencies05162025am.xlsx").state()).isEqualTo("applied");
        assertThat(recorded("pendingAgencies05192025am.xlsx").state()).isEqualTo("applied");
        assertThat(ICE.requests).allSatisfy(request -> assertThat(request.userAgent()).contains("AgreementLedger"));

        // the next check: the page and both lists unchanged
        long eventsBefore = events();
        int requestsBefore = ICE.requests.size();
        Check again = watch();

        assertThat(again.succeeded()).isTrue();
        assertThat(again.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.ALREADY_RECORDED, Finding.Kind.ALREADY_RECORDED);
        assertThat(again.findings()).allSatisfy(finding -> assertThat(finding.message()).contains("304"));
        assertThat(ICE.requests.subList(requestsBefore, ICE.requests.size()))
                .filteredOn(request -> request.path().endsWith(".xlsx"))
                .hasSize(2).allSatisfy(request -> assertThat(request.ifNoneMatch()).isNotNull());
        assertThat(events()).isEqualTo(eventsBefore);
        assertThat(manifestLines()).isEqualTo(lines);
    }

    @Test
    @Order(2)
    void aServerErrorIsTriedAgain() throws Exception {
        String list = DOCLIB + "participatingAgencies05192025am.xlsx";
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(list)));
        ICE.on(list, FakeIce.failing(1, FakeIce.file(SHEETS.resolve("participatingAgencies05192025am.xlsx"),
                "Mon, 19 May 2025 12:10:00 GMT")));

        Check check = watch();

        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.IMPORTED);
        assertThat(ICE.requestsFor(list)).isEqualTo(2);
        assertThat(recorded("participatingAgencies05192025am.xlsx").state()).isEqualTo("applied");
    }

    @Test
    @Order(3)
    void aPageWithoutLinksAlertsAndHealthSaysSo() throws Exception {
        ICE.on(PAGE, FakeIce.html("<html><body><h1>287(g)</h1><p>The list of participating agencies is being"
                + " updated.</p><a href=\"/about-ice\">About ICE</a></body></html>"));

        Check check = watch();

        assertThat(check.succeeded()).isFalse();
        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.NO_LINKS);
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        JsonNode watch = health.at("/components/iceWatch/details");
        assertThat(watch.get("failing").asBoolean()).isTrue();
        assertThat(watch.at("/lastFailure/alerts/0").asText()).contains("NO_LINKS");
        assertThat(watch.at("/lastSuccess/summary").asText()).contains("1 imported");
        JsonNode page = http.getForObject("/api/watch", JsonNode.class);
        assertThat(page.at("/last/succeeded").asBoolean()).isFalse();
        assertThat(page.at("/last/findings/0/kind").asText()).isEqualTo("NO_LINKS");
    }

    @Test
    @Order(4)
    void aDeadLinkAndAnErrorPageAreReportedAndNothingIsStored() throws Exception {
        String dead = DOCLIB + "participatingAgencies05202025am.xlsx";
        String errorPage = DOCLIB + "pendingAgencies05202025am.xlsx";
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(dead, errorPage)));
        ICE.off(dead);
        ICE.on(errorPage, FakeIce.html("<!DOCTYPE html><html><body>Access Denied</body></html>"));
        List<String> before = storedFiles();

        Check check = watch();

        assertThat(check.succeeded()).isFalse();
        assertThat(check.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.FETCH_FAILED, Finding.Kind.NOT_A_WORKBOOK);
        assertThat(check.findings().get(0).message()).contains("404");
        assertThat(ICE.requestsFor(dead)).as("a 404 is the answer, not tried again").isEqualTo(1);
        assertThat(check.findings().get(1).message()).contains("HTML");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aDownloadCutShortLeavesNoPartialFile() throws Exception {
        String list = DOCLIB + "participatingAgencies05202025pm.xlsx";
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(list)));
        ICE.on(list, FakeIce.cutShort(SHEETS.resolve("participatingAgencies05202025pm.xlsx")));
        // what a run killed while it downloaded leaves behind, never stored
        Files.write(ARCHIVE.resolve(".incoming").resolve("killed.part"), new byte[] {'P', 'K', 3, 4});
        List<String> before = storedFiles();
        List<String> manifest = manifestLines();
        long eventsBefore = events();

        Check check = watch();

        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.FETCH_FAILED);
        assertThat(ICE.requestsFor(list)).as("tried again, as a dropped connection").isEqualTo(3);
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(manifestLines()).isEqualTo(manifest);
        assertThat(incoming()).isEmpty();
        assertThat(events()).isEqualTo(eventsBefore);

        // whole the next time
        ICE.on(list, FakeIce.file(SHEETS.resolve("participatingAgencies05202025pm.xlsx"), "Tue, 20 May 2025 20:00:00 GMT"));
        assertThat(watch().findings()).extracting(Finding::kind).containsExactly(Finding.Kind.IMPORTED);
        assertThat(Files.readAllBytes(ARCHIVE.resolve("files/participatingAgencies05202025pm.xlsx")))
                .isEqualTo(Files.readAllBytes(SHEETS.resolve("participatingAgencies05202025pm.xlsx")));
    }

    @Test
    @Order(6)
    void aTruncatedListIsStoredAndHeld() throws Exception {
        // ICE's truncated list: its 2025-03-06 list (308 rows) posted again, here as of 2025-05-23
        String list = DOCLIB + "participatingAgencies05232025am.xlsx";
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(list)));
        ICE.on(list, FakeIce.file(ICE_ARCHIVE.resolve("participatingAgencies03062025am.xlsx"),
                "Fri, 23 May 2025 11:00:00 GMT"));
        long inForce = ledger.all().stream().filter(org.agreementledger.importing.LedgerAgreement::inForce).count();

        Check check = watch();

        assertThat(check.succeeded()).isFalse();
        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.HELD);
        assertThat(check.findings().get(0).message()).contains("withdraw");
        assertThat(storedFiles()).contains("participatingAgencies05232025am.xlsx");
        assertThat(recorded("participatingAgencies05232025am.xlsx").state()).isEqualTo(RecordedPublication.HELD);
        assertThat(ledger.all().stream().filter(org.agreementledger.importing.LedgerAgreement::inForce).count())
                .isEqualTo(inForce);
    }

    @Test
    @Order(7)
    void aNameThatDisagreesWithLastModifiedAndTheFetchIsHeldNotGuessed() throws Exception {
        // named 2025-06-01, but the server last changed it on 2025-05-28 and it is fetched today
        String list = DOCLIB + "participatingAgencies06012025am.xlsx";
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(list)));
        ICE.on(list, FakeIce.file(SHEETS.resolve("participatingAgencies05282025am.xlsx"),
                "Wed, 28 May 2025 09:00:00 GMT"));

        Check check = watch();

        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.HELD);
        RecordedPublication held = recorded("participatingAgencies06012025am.xlsx");
        assertThat(held.state()).isEqualTo(RecordedPublication.HELD);
        assertThat(held.reason()).contains("the file name says 2025-06-01", "Last-Modified 2025-05-28");
    }

    @Test
    @Order(8)
    void aListStoredButNotImportedIsImportedByTheNextCheck() throws Exception {
        // a run that stored a list and stopped before importing it (killed, or its database out)
        String list = DOCLIB + "participatingAgencies05292025am.xlsx";
        String lastModified = "Thu, 29 May 2025 10:00:00 GMT";
        try (ArchiveShelf shelf = ArchiveShelf.open(MANIFEST)) {
            Path download = shelf.incomingFile();
            Files.copy(SHEETS.resolve("participatingAgencies05292025am.xlsx"), download);
            shelf.shelve(download, new ArchiveShelf.Arrival("participatingAgencies05292025am.xlsx",
                    IceSheetFiles.PUBLISHED_SHA256.get("participatingAgencies05292025am.xlsx"), Files.size(download),
                    "ice-sheet", null, ICE.base() + list, java.time.Instant.parse("2025-05-29T12:00:00Z"),
                    lastModified, null));
        }
        ICE.on(PAGE, FakeIce.html(FakeIce.icePage(list)));
        ICE.on(list, FakeIce.file(SHEETS.resolve("participatingAgencies05292025am.xlsx"), lastModified));

        Check check = watch();

        assertThat(ICE.requests.get(ICE.requests.size() - 1).ifModifiedSince()).isEqualTo(lastModified);
        assertThat(check.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.IMPORTED);
        assertThat(recorded("participatingAgencies05292025am.xlsx").state()).isEqualTo("applied");
        assertThat(watch().findings()).extracting(Finding::kind).containsExactly(Finding.Kind.ALREADY_RECORDED);
    }
}
