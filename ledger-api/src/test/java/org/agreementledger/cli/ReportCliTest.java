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
                "states", "territories", "pendingAgencies", "byModel", "byState");
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
        assertThat(ledgerAt.path("territories").asLong()).isZero();
        assertThat(ledgerAt.path("byModel").path("JEM").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("byState").path("ND").path("agreements").asLong()).isEqualTo(1);
        assertThat(ledgerAt.path("byState").path("ND").path("agencies").asLong()).isEqualTo(1);

        JsonNode ledgerNow = JSON.readTree(ok("counts", "--as-of", "2025-02-01", "--ledger-at",
                Instant.now().toString(), "--format", "json").out());
        assertThat(ledgerNow.path("agreements").asLong()).as("the replay now agrees with the projection").isZero();

        assertThat(ok("counts", "--as-of", "2025-02-01", "--known-at", "2025-03-31", "--format", "csv").out())
                .isEqualTo("as_of,known_at,agreements,agencies,states,territories\n2025-02-01,2025-03-31,1,1,1,0\n");
        assertThat(ok("counts", "--as-of", "2025-03-15", "--by", "state", "--format", "csv").out()).contains(
                "as_of,known_at,state,agreements,agencies\n2025-03-15,")
                .endsWith(",ND,1,1\n");
        assertThat(ok("counts", "--as-of", "2025-03-15", "--by", "model").out())
                .contains("AGREEMENTS").containsPattern("JEM +1 +1").containsPattern("TFM +0 +0");
    }

    /**
     * In February 2026, after every day the counts test asks about: a territory's agreement, and an
     * agency ICE renamed (known on 2026-02-10) to the name a second agreement was signed under. The
     * table, the projection and the audit replay before and after the rename count them alike.
     */
    @Test
    void territoriesApartAndARenamedAgencyOnceKnownInTheTableTheProjectionAndTheReplay() throws Exception {
        String suffix = TestAgreements.uniqueAgency("");
        String misspelt = "Mantiowoc County" + suffix;
        String corrected = "Manitowoc County" + suffix;
        ok("append", "sign", "--state", "GU", "--agency-name", "Guam" + suffix, "--model", "JEM",
                "--signed-on", "2026-02-02", "--known-on", "2026-02-03", "--source-title", "Test Gazette");
        ok("append", "sign", "--state", "ME", "--agency-name", misspelt, "--model", "JEM",
                "--signed-on", "2026-02-02", "--known-on", "2026-02-03", "--source-title", "Test Gazette");
        ok("append", "sign", "--state", "ME", "--agency-name", corrected, "--model", "TFM",
                "--signed-on", "2026-02-05", "--known-on", "2026-02-06", "--source-title", "Test Gazette");
        Instant beforeRename = Instant.now();
        ok("append", "correct", "--agreement-id", AgencyId.of(org.agreementledger.api.UsState.ME, misspelt)
                        + "#JEM#2026-02-02", "--field", "agencyName", "--old-value", misspelt, "--new-value", corrected,
                "--known-on", "2026-02-10", "--source-title", "Test Gazette, correction");

        JsonNode today = counts("--as-of", "2026-03-01");
        assertThat(today.path("territories").asLong()).isEqualTo(1);
        assertThat(today.path("byState").path("GU").path("agencies").asLong()).isEqualTo(1);
        assertThat(today.path("byState").path("ME").path("agreements").asLong()).isEqualTo(2);
        assertThat(today.path("byState").path("ME").path("agencies").asLong()).as("one agency once renamed")
                .isEqualTo(1);
        assertThat(counts("--as-of", "2026-03-01", "--known-at", "2026-02-09").path("byState").path("ME")
                .path("agencies").asLong()).as("as known before the rename").isEqualTo(2);

        JsonNode replayBefore = counts("--as-of", "2026-03-01", "--ledger-at", beforeRename.toString());
        assertThat(replayBefore.path("territories").asLong()).isEqualTo(1);
        assertThat(replayBefore.path("byState").path("ME").path("agencies").asLong())
                .as("the ledger before it held the rename").isEqualTo(2);
        JsonNode replayNow = counts("--as-of", "2026-03-01", "--ledger-at", Instant.now().toString());
        for (String field : new String[] {"agreements", "agencies", "states", "territories", "byModel", "byState"}) {
            assertThat(replayNow.path(field)).as("the replay now, %s", field).isEqualTo(today.path(field));
        }

        assertThat(ok("counts", "--as-of", "2026-03-01").out()).containsPattern("AGENCIES +STATES +TERRITORIES\n")
                .containsPattern("all +" + today.path("agreements").asLong() + " +" + today.path("agencies").asLong()
                        + " +" + today.path("states").asLong() + " +1\n");
    }

    private static JsonNode counts(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "counts";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--format";
        all[args.length + 2] = "json";
        return JSON.readTree(ok(all).out());
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

    /** Every published figure, in each format; the markdown is the table docs/reports.md shows. */
    @Test
    void reconcilePrintsEveryPublishedFigureInEachFormat() throws Exception {
        JsonNode published;
        try (var in = ReportCliTest.class.getResourceAsStream("/published-figures.json")) {
            published = JSON.readTree(in).path("figures");
        }
        JsonNode document = JSON.readTree(ok("reconcile", "--format", "json").out());
        assertThat(document.path("lines")).hasSize(published.size());
        assertThat(document.path("lines").get(0).has("nearestMatch")).isTrue();
        assertThat(document.path("lines").get(0).has("explanation")).isTrue();

        String table = ok("reconcile").out();
        assertThat(table).startsWith("Published figures beside the ledger as known on ")
                .contains("CLAIMED   LEDGER  BY NAME  VERDICT");
        String markdown = ok("reconcile", "--format", "markdown").out();
        assertThat(markdown).contains("| claim | value | ledger | by printed name | verdict | difference"
                + " | list in force | nearest matching list |");
        String csv = ok("reconcile", "--format", "csv").out();
        assertThat(csv.lines().count()).isEqualTo(published.size() + 1);
        for (JsonNode line : document.path("lines")) {
            // every claim has its row, and its explanation, in each
            assertThat(table).contains(line.path("explanation").asText());
            assertThat(markdown).contains(line.path("explanation").asText());
            assertThat(csv).contains(line.path("claim").path("id").asText());
        }
    }

    @Test
    void badFlagsAreNamedAndNothingIsStarted() {
        badInput("--known-at", "reconcile", "--known-at", "yesterday");
        badInput("--format", "reconcile", "--format", "xml");
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
