package org.agreementledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A ledger holding only ICE's real sheets of May and June 2025 has observed 2025-05-16 to 2025-06-06:
 * every published figure (2021, 2025-01-19, 2026) is about a day outside that, so each reads "no data",
 * and nothing says synthetic.
 */
@TestPropertySource(properties = "ledger.test.ledger=real-sheets-reconciliation")
class RealSheetsReconciliationTest extends LedgerIntegrationTest {

    @Autowired
    PublicationImporter importer;
    @Autowired
    ReportProcessor processor;
    @Autowired
    TestRestTemplate http;

    @Test
    void everyClaimOutsideTheSheetsSpanReadsNoData() {
        for (Path sheet : IceSheetFiles.participating()) {
            importer.importFile(sheet, sheet.getFileName().toString(), null, Progress.NONE);
        }
        processor.awaitCaughtUp(Duration.ofMinutes(1));

        JsonNode document = http.getForObject("/api/reports/reconciliation", JsonNode.class);

        assertThat(document.path("recordFrom").asText()).isEqualTo("2025-05-16");
        assertThat(document.path("recordTo").asText()).isEqualTo("2025-06-06");
        assertThat(document.path("lines")).hasSize(13);
        document.path("lines").forEach(line -> {
            assertThat(line.path("verdict").asText()).as(line.path("claim").path("id").asText()).isEqualTo("no data");
            assertThat(line.path("ledgerValue").isNull()).isTrue();
            assertThat(line.path("difference").isNull()).isTrue();
        });
        assertThat(document.has("synthetic")).isFalse();
        assertThat(http.getForObject("/api/reports/reconciliation?format=csv", String.class))
                .startsWith("id,measure").contains(",no data,");

        // and as known before the first sheet, the ledger holds nothing at all
        JsonNode before = http.getForObject("/api/reports/reconciliation?knownAt=2025-05-15", JsonNode.class);
        assertThat(before.path("recordFrom").isNull()).isTrue();
        assertThat(before.path("lines").get(0).path("verdict").asText()).isEqualTo("no data");
    }
}
