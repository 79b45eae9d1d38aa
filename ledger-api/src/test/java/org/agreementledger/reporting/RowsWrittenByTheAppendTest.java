package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.SupportModel;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A single append (HTTP, command line) writes its own report rows in its transaction (V33): it is
 * in the reports when it is answered, whatever the report processor is doing, and the processor,
 * which takes its events in later, neither writes those rows again nor sets them back. The
 * processor is stopped here to show that the append does not need it.
 */
@TestPropertySource(properties = {"ledger.test.ledger=rows-written-by-the-append", "ledger.reports.visible-within=1s"})
class RowsWrittenByTheAppendTest extends LedgerIntegrationTest {

    private static final String AS_OF = "2025-06-01";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReportProcessor reports;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    AcknowledgedWrites writes;
    @Autowired
    ProjectionRebuild rebuild;

    private EventProcessor reportProcessor() {
        return processing.eventProcessor(ReportProcessor.NAME).orElseThrow();
    }

    @AfterEach
    void processorRunsAgain() {
        reportProcessor().start();
        reports.awaitCaughtUp(Duration.ofMinutes(1));
    }

    private ResponseEntity<JsonNode> sign(String agencyName) {
        return signOverHttp(http, agencyName);
    }

    private long agreementsCounted() {
        return http.getForObject("/api/reports/counts?asOf=" + AS_OF, JsonNode.class).path("agreements").asLong();
    }

    /** The agreement's report rows, in a fixed order, as text: what a rewrite would change. */
    private List<String> rowsOf(String agreementId) {
        return jdbc.queryForList("select generation || ' ' || model || ' ' || valid::text || ' ' || known::text"
                + " from report_agreement_version where agreement_id = ? order by 1", String.class, agreementId);
    }

    private long revision() {
        return jdbc.queryForObject("select sum(changes)::bigint from report_revision", Long.class);
    }

    @Test
    void aSingleAppendIsInTheReportsWhenAnsweredWithoutTheProcessor() {
        long before = agreementsCounted();
        reportProcessor().shutDown();

        ResponseEntity<JsonNode> signed = sign(TestAgreements.uniqueAgency("Own Rows"));
        assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(signed.getHeaders().containsKey("Ledger-Behind")).as("visible when answered").isFalse();
        long signedAt = Long.parseLong(signed.getHeaders().getFirst("Ledger-Position"));
        String agreementId = signed.getBody().path("agreementId").asText();

        ResponseEntity<JsonNode> counts = http.getForEntity("/api/reports/counts?asOf=" + AS_OF, JsonNode.class);
        assertThat(counts.getBody().path("agreements").asLong()).isEqualTo(before + 1);
        assertThat(counts.getHeaders().containsKey("Ledger-Behind"))
                .as("the processor has not passed the signing, but its rows are in").isFalse();
        assertThat(Long.parseLong(counts.getHeaders().getFirst("Ledger-Position"))).isGreaterThanOrEqualTo(signedAt);
        assertThat(reports.reportPosition().current()).isTrue();
        List<String> rows = rowsOf(agreementId);
        assertThat(rows).hasSize(1);

        // the processor takes the signing in later, passing over the rows the append wrote
        long revision = revision();
        reportProcessor().start();
        reports.awaitCaughtUp(Duration.ofMinutes(1));
        assertThat(rowsOf(agreementId)).isEqualTo(rows);
        assertThat(revision()).as("the processor wrote no report rows").isEqualTo(revision);
        assertThat(agreementsCounted()).isEqualTo(before + 1);
    }

    @Test
    void theProcessorDoesNotSetBackAnAgreementItsAppendWroteLater() {
        reportProcessor().shutDown();
        // a signing whose rows are the processor's to write (as an import's are), not written yet
        String agreementId = ledger.sign(TestAgreements.signing(TestAgreements.uniqueAgency("Set Back"),
                SupportModel.JEM, LocalDate.of(2025, 1, 2)));
        assertThat(rowsOf(agreementId)).isEmpty();
        assertThat(reports.reportPosition().current()).as("the signing is not taken in").isFalse();

        // a single append of a later event of the same agreement writes the rows of both
        Acknowledgement<String> changed = writes.appendSingle(() -> {
            ledger.amend(TestAgreements.modelChange(agreementId, SupportModel.TFM, LocalDate.of(2025, 3, 1), null));
            return agreementId;
        });
        assertThat(changed.visible()).isTrue();
        List<String> rows = rowsOf(agreementId);
        assertThat(rows).as("both events folded").anyMatch(row -> row.contains("JEM")).anyMatch(row -> row.contains("TFM"));
        assertThat(jdbc.queryForObject("select sequence from report_agreement_through where agreement_id = ?",
                Long.class, agreementId)).isEqualTo(1L);

        // the processor then handles the signing (sequence 0) and the change: both already folded
        long revision = revision();
        reportProcessor().start();
        reports.awaitCaughtUp(Duration.ofMinutes(1));
        assertThat(rowsOf(agreementId)).as("not set back to the signing alone, nor rewritten").isEqualTo(rows);
        assertThat(revision()).isEqualTo(revision);
    }

    /**
     * Appends from several threads at once, each agreement first signed outside a single append (its
     * rows the processor's, as an import's are) and then changed by single appends while the
     * processor takes the signing in: the rows end as a rebuild from the events writes them, and
     * the counts (answered from the in-memory snapshot, which took each change in as it committed)
     * as those after the rebuild.
     */
    @Test
    void appendsAndTheProcessorOnTheSameAgreementsAtOnceLeaveTheRowsARebuildWrites() throws Exception {
        int threads = 6;
        int agreementsEach = 8;
        List<String> agreements = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < agreementsEach; i++) {
                        String id = ledger.sign(TestAgreements.signing(TestAgreements.uniqueAgency("Race"),
                                SupportModel.JEM, LocalDate.of(2025, 1, 2)));
                        agreements.add(id);
                        writes.appendSingle(() -> {
                            ledger.amend(TestAgreements.modelChange(id, SupportModel.TFM, LocalDate.of(2025, 3, 1), null));
                            return id;
                        });
                        writes.appendSingle(() -> {
                            ledger.amend(TestAgreements.withdrawal(id, LocalDate.of(2025, 5, 1)));
                            return id;
                        });
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        reports.awaitCaughtUp(Duration.ofMinutes(1));
        java.util.Map<String, List<String>> written = new java.util.TreeMap<>();
        agreements.forEach(id -> written.put(id, withoutGeneration(rowsOf(id))));
        List<String> counts = countsOverTheYear();

        rebuild.rebuild(Duration.ofSeconds(1), progress -> { });
        java.util.Map<String, List<String>> rebuilt = new java.util.TreeMap<>();
        agreements.forEach(id -> rebuilt.put(id, withoutGeneration(rowsOf(id))));
        assertThat(written).hasSize(threads * agreementsEach).isEqualTo(rebuilt);
        assertThat(countsOverTheYear()).isEqualTo(counts);
    }

    private static List<String> withoutGeneration(List<String> rows) {
        return rows.stream().map(row -> row.substring(row.indexOf(' ') + 1)).sorted().toList();
    }

    private List<String> countsOverTheYear() {
        List<String> counts = new java.util.ArrayList<>();
        for (String day : List.of("2025-02-01", "2025-04-01", "2025-06-01")) {
            JsonNode answer = http.getForObject("/api/reports/counts?asOf=" + day, JsonNode.class);
            counts.add(day + " " + answer.path("agreements").asLong() + " " + answer.path("byModel"));
        }
        return counts;
    }

    @Test
    void whileARebuildIsUnderWayAnAppendLeavesItsRowsToTheProcessor() {
        int published = jdbc.queryForObject("select published from report_generation where id = 1", Integer.class);
        // as a rebuild leaves it: reports read the published generation, the processor writes the next
        jdbc.update("update report_generation set building = ?, published_position = ? where id = 1", published + 1,
                reports.head());
        try {
            Acknowledgement<String> signed = writes.appendSingle(() -> ledger.sign(TestAgreements.signing()));
            assertThat(rowsOf(signed.result())).as("none in the generation reports read")
                    .noneMatch(row -> row.startsWith(published + " "));
            assertThat(signed.visible()).as("the published generation stands still").isFalse();
            reports.awaitCaughtUp(Duration.ofMinutes(1));
            assertThat(rowsOf(signed.result())).as("the processor wrote the generation being built")
                    .allMatch(row -> row.startsWith((published + 1) + " ")).hasSize(1);
        } finally {
            // the rows the processor wrote meanwhile, moved to the generation reports read, as publishing would
            jdbc.update("update report_agreement_version set generation = ? where generation = ?", published,
                    published + 1);
            jdbc.update("delete from report_agreement_through where generation = ?", published + 1);
            jdbc.update("update report_generation set building = published, published_position = null where id = 1");
        }
    }
}
