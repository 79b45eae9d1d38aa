package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * Each of ICE's lists in the archive posted over HTTP under the name it was published under, oldest
 * first, and the counts of its day asked in the very next request: every answer is the list just
 * imported, or, for the list held for review, the list before it.
 */
@TestPropertySource(properties = "ledger.test.ledger=archive-over-http") // a database of its own
class ArchiveOverHttpTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    PublicationImporter importer;

    private record Listed(PublicationManifest.Entry entry, java.time.LocalDate day) {
    }

    @Test
    void theCountsAskedRightAfterEachListAreThatList() {
        List<Listed> oldestFirst = new ArrayList<>();
        for (PublicationManifest.Entry entry : PublicationManifest.read(RealArchiveTest.MANIFEST).entries()) {
            // the day the server will take it for, as it will (a name's wrong year repaired included)
            oldestFirst.add(new Listed(entry, importer.identify(entry.file(), entry.naming(), null).publication()
                    .publishedOn()));
        }
        oldestFirst.sort(Comparator.comparing(Listed::day).thenComparingInt(listed -> listed.entry().line()));
        Path lastApplied = null;
        int held = 0;
        for (Listed listed : oldestFirst) {
            ResponseEntity<JsonNode> imported = upload(listed.entry().file());
            assertThat(imported.getStatusCode()).as("import of %s", listed.entry().fileName())
                    .isIn(HttpStatus.OK, HttpStatus.ACCEPTED);
            if (imported.getStatusCode() == HttpStatus.ACCEPTED) {
                assertThat(imported.getBody().path("outcome").asText()).isEqualTo("held");
                held++;
            } else {
                assertThat(imported.getBody().path("outcome").asText()).isEqualTo("imported");
                lastApplied = listed.entry().file();
            }
            // the very next request, no waiting, no retry
            ResponseEntity<JsonNode> counts = http.getForEntity("/api/reports/counts?asOf={day}&knownAt={day}",
                    JsonNode.class, listed.day(), listed.day());
            assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(ArchiveFigures.of(counts.getBody())).as("counts(asOf = knownAt = %s) right after %s", listed.day(),
                    listed.entry().fileName()).isEqualTo(ArchiveFigures.of(lastApplied));
        }
        assertThat(held).as("the truncated list of 2025-04-21").isEqualTo(1);
    }

    private ResponseEntity<JsonNode> upload(Path file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        try {
            return http.exchange("/api/imports?fileName={name}", HttpMethod.POST,
                    new HttpEntity<>(Files.readAllBytes(file), headers), JsonNode.class, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
