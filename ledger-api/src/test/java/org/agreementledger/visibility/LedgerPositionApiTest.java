package org.agreementledger.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every report says which position of the ledger it reflects, and says so when the report tables
 * are behind the store instead of serving stale figures silently; a write the reports have not
 * taken in within the wait is answered as done, saying they are behind. A single append writes
 * its own report rows unless a rebuild is under way, so to hold the reports back the test stops
 * the report processor and puts the generations as a rebuild leaves them (reports read the
 * published generation, which stands still; the processor would write the next one).
 */
@TestPropertySource(properties = {"ledger.test.ledger=ledger-position", "ledger.reports.visible-within=1s"})
class LedgerPositionApiTest extends LedgerIntegrationTest {

    private static final String AS_OF = "2025-06-01";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReportProcessor reports;

    private EventProcessor reportProcessor() {
        return processing.eventProcessor(ReportProcessor.NAME).orElseThrow();
    }

    /** The generations as a rebuild leaves them, the published one standing at {@code position}. */
    private void rebuildUnderWay(long position) {
        jdbc.update("update report_generation set building = published + 1, published_position = ? where id = 1",
                position);
    }

    private void noRebuild() {
        jdbc.update("update report_generation set building = published, published_position = null where id = 1");
    }

    @AfterEach
    void processorRunsAgain() {
        noRebuild();
        reportProcessor().start();
        reports.awaitCaughtUp(Duration.ofMinutes(1));
    }

    private ResponseEntity<JsonNode> sign(String agencyName) {
        return signOverHttp(http, agencyName);
    }

    private long head() {
        return jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
    }

    private long eventsAfter(long globalIndex) {
        return jdbc.queryForObject("select count(*) from domainevententry where globalindex > ?", Long.class,
                globalIndex);
    }

    private static long position(ResponseEntity<?> response) {
        String position = response.getHeaders().getFirst(LedgerHeaders.POSITION);
        assertThat(position).as("Ledger-Position").isNotNull();
        return Long.parseLong(position);
    }

    /** Every report the page and its users ask, JSON and CSV: answered from the report tables. */
    private List<ResponseEntity<String>> reportReads() {
        return List.of(
                http.getForEntity("/api/reports/counts?asOf=" + AS_OF, String.class),
                http.getForEntity("/api/reports/counts?asOf=" + AS_OF + "&format=csv", String.class),
                http.getForEntity("/api/reports/timeline?from=2025-01-01&to=" + AS_OF + "&step=month", String.class),
                http.getForEntity("/api/reports/timeline?from=2025-01-01&to=" + AS_OF + "&format=csv", String.class),
                http.getForEntity("/api/agreements?asOf=" + AS_OF, String.class),
                http.getForEntity("/api/reports/agreements?asOf=" + AS_OF + "&format=csv", String.class),
                http.getForEntity("/api/reports/reconciliation", String.class),
                http.getForEntity("/api/reports/reconciliation?format=csv", String.class));
    }

    /** An agency's record and an agreement's history: read from the store itself. */
    private List<ResponseEntity<String>> storeReads(String agreementId) {
        return List.of(
                http.getForEntity("/api/agencies/{id}", String.class, agreementId.substring(0, agreementId.indexOf('#'))),
                http.getForEntity("/api/agreements/{id}/history", String.class, agreementId));
    }

    @Test
    void everyReportNamesThePositionItReflectsAndSaysWhenItIsBehind() {
        ResponseEntity<JsonNode> first = sign(TestAgreements.uniqueAgency("Position"));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long firstAt = position(first);
        assertThat(firstAt).as("the signing's own global index").isEqualTo(head());
        assertThat(first.getHeaders().containsKey(LedgerHeaders.BEHIND)).isFalse();
        String firstId = first.getBody().path("agreementId").asText();
        long agreementsBefore = http.getForObject("/api/reports/counts?asOf=" + AS_OF, JsonNode.class)
                .path("agreements").asLong();

        for (ResponseEntity<String> read : concat(reportReads(), storeReads(firstId))) {
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(position(read)).as("position of %s", read.getHeaders().getContentType()).isEqualTo(firstAt);
            assertThat(read.getHeaders().containsKey(LedgerHeaders.BEHIND)).isFalse();
            assertThat(read.getBody()).doesNotContain("ledgerBehind");
        }

        // the reports held back: a signing stored, not taken in
        reportProcessor().shutDown();
        rebuildUnderWay(firstAt);
        ResponseEntity<JsonNode> second = sign(TestAgreements.uniqueAgency("Behind"));
        assertThat(second.getStatusCode()).as("stored, so answered as done").isEqualTo(HttpStatus.CREATED);
        long secondAt = position(second);
        assertThat(secondAt).isEqualTo(head()).isGreaterThan(firstAt);
        // the published generation stands at the first signing: the reports lack the second, no more
        long behindAtWrite = Long.parseLong(second.getHeaders().getFirst(LedgerHeaders.BEHIND));
        assertThat(behindAtWrite).as("events the reports lack").isEqualTo(1L);
        assertThat(second.getBody().path("ledgerBehind").asLong()).isEqualTo(behindAtWrite);
        assertThat(second.getBody().path("ledgerPosition").asLong()).isEqualTo(secondAt);

        String secondId = second.getBody().path("agreementId").asText();
        for (ResponseEntity<String> read : reportReads()) {
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            long reflected = position(read);
            assertThat(reflected).as("a report reflects the tables, not the store").isLessThan(secondAt);
            long behind = Long.parseLong(read.getHeaders().getFirst(LedgerHeaders.BEHIND));
            assertThat(behind).as("Ledger-Behind: the events after the position it names").isEqualTo(eventsAfter(reflected));
            if (MediaType.APPLICATION_JSON.isCompatibleWith(read.getHeaders().getContentType())) {
                assertThat(read.getBody()).contains("\"ledgerBehind\":" + behind)
                        .contains("\"ledgerPosition\":" + reflected);
            }
        }
        for (ResponseEntity<String> read : storeReads(secondId)) {
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(position(read)).as("the store holds the signing").isEqualTo(secondAt);
            assertThat(read.getHeaders().containsKey(LedgerHeaders.BEHIND)).isFalse();
        }
        JsonNode stale = http.getForObject("/api/reports/counts?asOf=" + AS_OF, JsonNode.class);
        assertThat(stale.path("agreements").asLong()).as("the figures the reports hold").isEqualTo(agreementsBefore);

        // caught up again: current, and the signing counted
        noRebuild();
        reportProcessor().start();
        reports.awaitCaughtUp(Duration.ofMinutes(1));
        ResponseEntity<JsonNode> current = http.getForEntity("/api/reports/counts?asOf=" + AS_OF, JsonNode.class);
        assertThat(position(current)).isEqualTo(secondAt);
        assertThat(current.getHeaders().containsKey(LedgerHeaders.BEHIND)).isFalse();
        assertThat(current.getBody().has("ledgerBehind")).isFalse();
        assertThat(current.getBody().path("agreements").asLong()).isEqualTo(agreementsBefore + 1);
    }

    /**
     * A page polling a report for news: the answer carries an ETag, the same question with
     * If-None-Match is a 304 without a body until something is appended, then a 200 with the new
     * figures and a new tag; JSON and CSV of one report are tagged apart.
     */
    @Test
    void aPollThatFindsNothingNewIsNotModified() {
        String counts = "/api/reports/counts?asOf=" + AS_OF;
        ResponseEntity<JsonNode> first = http.getForEntity(counts, JsonNode.class);
        String tag = first.getHeaders().getETag();
        assertThat(tag).as("ETag").isNotNull().startsWith("W/\"");
        assertThat(first.getHeaders().getVary()).contains(HttpHeaders.ACCEPT);

        ResponseEntity<String> again = http.exchange(counts, HttpMethod.GET, new HttpEntity<>(ifNoneMatch(tag)),
                String.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(again.getBody()).isNull();
        assertThat(again.getHeaders().getETag()).isEqualTo(tag);
        assertThat(position(again)).isEqualTo(position(first));

        HttpHeaders csv = ifNoneMatch(tag);
        csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        assertThat(http.exchange(counts, HttpMethod.GET, new HttpEntity<>(csv), String.class).getStatusCode())
                .as("the CSV answer is not the JSON one").isEqualTo(HttpStatus.OK);

        assertThat(sign(TestAgreements.uniqueAgency("Poll")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> news = http.exchange(counts, HttpMethod.GET, new HttpEntity<>(ifNoneMatch(tag)),
                JsonNode.class);
        assertThat(news.getStatusCode()).as("after an append").isEqualTo(HttpStatus.OK);
        assertThat(news.getHeaders().getETag()).isNotEqualTo(tag);
        assertThat(news.getBody().path("agreements").asLong())
                .isEqualTo(first.getBody().path("agreements").asLong() + 1);
    }

    private static HttpHeaders ifNoneMatch(String tag) {
        HttpHeaders headers = new HttpHeaders();
        headers.setIfNoneMatch(tag);
        return headers;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
