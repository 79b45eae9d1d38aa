package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;

import org.agreementledger.cli.CommandLineRuns.Run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.agreementledger.api.AgencyId;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code counts} and {@code projections rebuild} in process, on a database of their own, so the
 * counts are exactly this test's agreement: the documented JSON, the audit replay at an instant
 * before a correction, and bad flags named on stderr with exit 2.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class ReportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void database() {
        CommandLineRuns.useNewDatabase();
    }

    @AfterAll
    static void forgetDatabase() {
        CommandLineRuns.forgetDatabase();
    }

    private static Run ok(String... args) {
        Run run = ledger(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static void badInput(String flag, String... args) {
        Run run = ledger(args);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + flag + " (");
    }

    @Test
    void countsAsKnownTodayAsKnownBeforeAndAsTheLedgerStoodBeforeACorrection() throws Exception {
        String agency = TestAgreements.uniqueAgency("Counts");
        String id = "ND-" + AgencyId.slug(agency) + "#JEM#2025-01-02";
        ok("append", "sign", "--state", "ND", "--agency-name", agency, "--agency-type", "County", "--model", "JEM",
                "--signed-on", "2025-01-02", "--known-on", "2025-01-05", "--source-title", "Test Gazette");
        Instant beforeCorrection = Instant.now();
        // the agreement was signed on March 1, not January 2: on February 1 it was not yet in force
        ok("append", "correct", "--agreement-id", id, "--field", "signedOn", "--old-value", "2025-01-02",
                "--new-value", "2025-03-01", "--known-on", "2025-04-01", "--source-title", "Test Gazette, correction");

        JsonNode today = JSON.readTree(ok("counts", "--as-of", "2025-02-01", "--format", "json").out());
        assertThat(today.fieldNames()).toIterable().containsExactly("asOf", "knownAt", "agreements", "agencies",
                "states", "pendingAgencies", "byModel", "byState");
        assertThat(today.path("agreements").asLong()).isZero();
        assertThat(today.path("byModel").path("JEM").asLong()).isZero();
        assertThat(today.path("byState").isObject()).isTrue();
        assertThat(today.path("byState").size()).isZero();

        JsonNode ledgerAt = JSON.readTree(ok("counts", "--as-of", "2025-02-01", "--ledger-at",
                beforeCorrection.toString(), "--format", "json").out());
        assertThat(ledgerAt.path("ledgerAt").asText()).isEqualTo(beforeCorrection.toString());
        assertThat(ledgerAt.path("agreements").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("agencies").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("states").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("byModel").path("JEM").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("byState").path("ND").path("agreements").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("byState").path("ND").path("agencies").asLong()).isEqualTo(1);

        JsonNode ledgerNow = JSON.readTree(ok("counts", "--as-of", "2025-02-01", "--ledger-at",
                Instant.now().toString(), "--format", "json").out());
        assertThat(ledgerNow.path("agreements").asLong()).as("the replay now agrees with the projection").isZero();

        assertThat(ok("counts", "--as-of", "2025-02-01", "--known-at", "2025-03-31", "--format", "csv").out())
                .isEqualTo("as_of,known_at,agreements,agencies,states\n2025-02-01,2025-03-31,1,1,1\n");
        assertThat(ok("counts", "--as-of", "2025-03-15", "--by", "state", "--format", "csv").out()).contains(
                "as_of,known_at,state,agreements,agencies\n2025-03-15,")
                .endsWith(",ND,1,1\n");
        assertThat(ok("counts", "--as-of", "2025-03-15", "--by", "model").out())
                .contains("AGREEMENTS").containsPattern("JEM +1 +1").containsPattern("TFM +0 +0");
    }

    @Test
    void aRebuildReportsItsProgressOnStderr() {
        // signed after every day the counts test asks about, so it does not change those counts
        ok("append", "sign", "--state", "WY", "--agency-name", TestAgreements.uniqueAgency("Rebuild"),
                "--agency-type", "County", "--model", "TFM", "--signed-on", "2026-01-02",
                "--source-title", "Test Gazette");
        Run rebuild = ok("projections", "rebuild");
        // the last line: every event replayed, the rate and the time it took (TerminalProgressTest covers the ETA)
        assertThat(rebuild.err()).containsPattern("rebuilding reports \\(events\\)  \\[#+\\]  [\\d,]+/[\\d,]+  100%  [\\d,]+/s  in \\d:\\d\\d:\\d\\d");
        assertThat(rebuild.out()).startsWith("rebuilt the report tables from ");
    }

    @Test
    void badFlagsAreNamedAndNothingIsStarted() {
        badInput("--as-of", "counts", "--as-of", "2025-02-30");
        badInput("--known-at", "counts", "--as-of", "2025-02-01", "--known-at", "last week");
        badInput("--by", "counts", "--as-of", "2025-02-01", "--by", "county");
        badInput("--format", "counts", "--as-of", "2025-02-01", "--format", "xml");
        badInput("--ledger-at", "counts", "--as-of", "2025-02-01", "--ledger-at", "2025-02-01");
        Run missing = ledger("counts");
        assertThat(missing.exitCode()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(missing.err()).contains("--as-of");
    }
}
