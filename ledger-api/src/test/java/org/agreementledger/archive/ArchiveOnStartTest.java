package org.agreementledger.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.agreementledger.readiness.LedgerReadiness;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The real record on a first start: with {@code ledger.archive.import-on-start} (as {@code bin/ledger
 * serve} sets it) the ledger imports the archive its manifest lists once it listens, and says so on
 * /api/status until the reports hold it; a later start imports only the files not recorded yet.
 * Here a manifest of the archive's first lists, in the archive's own format.
 */
@TestPropertySource(properties = {"ledger.test.ledger=archive-on-start", "ledger.archive.import-on-start=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveOnStartTest extends LedgerIntegrationTest {

    static final Path ARCHIVE = Path.of("..", "archive", "ice").toAbsolutePath().normalize();
    static final Path MANIFEST = manifest();

    /** The archive's header and its first three lists, then a fourth added later, as an archivist would. */
    private static Path manifest() {
        try {
            List<String> lines = Files.readAllLines(ARCHIVE.resolve("MANIFEST.csv"));
            Path directory = Files.createTempDirectory("archive-on-start-");
            Files.createSymbolicLink(directory.resolve("files"), ARCHIVE.resolve("files"));
            return Files.write(directory.resolve("MANIFEST.csv"), lines.subList(0, 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) {
        registry.add("ledger.archive.manifest", MANIFEST::toString);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    LedgerReadiness readiness;
    @Autowired
    ArchiveOnStart archive;
    @Autowired
    JdbcTemplate jdbc;

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!readiness.isReady() && System.nanoTime() < deadline) {
            assertThat(readiness.status().state()).isNotEqualTo(LedgerReadiness.State.FAILED);
            Thread.sleep(100);
        }
        assertThat(readiness.isReady()).as(readiness.status().message()).isTrue();
    }

    @Test
    @Order(1)
    void aFirstStartImportsTheArchiveAndAnswersOnceItIsLoaded() throws InterruptedException {
        awaitReady();
        ResponseEntity<JsonNode> counts = http.getForEntity(
                "/api/reports/counts?asOf=2021-04-09&knownAt=2021-04-09", JsonNode.class);
        assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
        // the capture of 2021-04-09, counted straight from its file
        var expected = org.agreementledger.importing.app.WorkbookFigures.of(
                ARCHIVE.resolve("files/ParticipatingEntities-20210409041957.xlsx"));
        assertThat(counts.getBody().get("agreements").asInt()).isEqualTo(expected.agreements());
        assertThat(counts.getBody().get("agencies").asInt()).isEqualTo(expected.agencies());
        assertThat(jdbc.queryForObject("select count(*) from imported_publication", Integer.class)).isEqualTo(3);
        assertThat(http.getForEntity("/api/status", JsonNode.class).getBody().get("state").asText()).isEqualTo("ready");
    }

    @Test
    @Order(2)
    void aLaterStartImportsOnlyTheFilesNotRecordedYet() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        archive.run(readiness.loading("loading ICE's archive again"));
        assertThat(new EventStoreRows(jdbc).count()).as("nothing new, nothing appended").isEqualTo(before);

        List<String> all = Files.readAllLines(ARCHIVE.resolve("MANIFEST.csv"));
        Files.write(MANIFEST, List.of(all.get(4)), java.nio.file.StandardOpenOption.APPEND);
        archive.run(readiness.loading("loading ICE's archive with a list added"));
        readiness.ready();
        assertThat(jdbc.queryForObject("select count(*) from imported_publication", Integer.class)).isEqualTo(4);
        assertThat(new EventStoreRows(jdbc).count()).isGreaterThan(before);
    }

    @Test
    @Order(3)
    void aMissingArchiveFailsLoudly() {
        ArchiveOnStart nowhere = new ArchiveOnStart(null, MANIFEST.resolveSibling("nowhere.csv"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nowhere.run(readiness.loading("nothing")))
                .hasMessageContaining("no archive manifest at").hasMessageContaining("--no-archive");
        readiness.ready();
    }
}
