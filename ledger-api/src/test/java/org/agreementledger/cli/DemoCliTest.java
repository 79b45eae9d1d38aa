package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;

import org.agreementledger.cli.CommandLineRuns.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ledger demo} in this JVM, on embedded PostgreSQL in temporary directories: it loads once
 * and says so, does nothing the second time, and refuses a directory holding real events and the
 * real ledger's default directory.
 */
class DemoCliTest {

    @Test
    void loadsOnceThenSaysItIsLoaded(@TempDir Path dir) {
        Path data = dir.resolve("demo");
        Run first = ledger("demo", "--load-only", "--data-dir", data.toString(), "--agreements", "300", "--seed", "5");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("loaded a synthetic demo history into .*demo: \\d+ agreements, [\\d,]+ events");
        assertThat(first.err()).contains("load demo history"); // the progress bar

        Run again = ledger("demo", "--load-only", "--data-dir", data.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already holds a demo history").contains("nothing loaded");
    }

    @Test
    void refusesALedgerWithRealEvents(@TempDir Path dir) {
        Path data = dir.resolve("real");
        Run sign = ledger("append", "sign", "--data-dir", data.toString(), "--state", "TX", "--agency-name",
                "Goliad County Sheriff's Office", "--model", "WSO", "--signed-on", "2025-02-20", "--source-title", "x");
        assertThat(sign.exitCode()).as(sign.err()).isZero();

        Run demo = ledger("demo", "--load-only", "--data-dir", data.toString());
        assertThat(demo.exitCode()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(demo.err()).startsWith("error: --data-dir (dataDir): this ledger holds 1 events that are not synthetic");
    }

    @Test
    void refusesTheRealLedgersDirectoryAndBadSizesBeforeStarting() {
        Run real = ledger("demo", "--load-only", "--data-dir", "ledger-data");
        assertThat(real.exitCode()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(real.err()).contains("--data-dir (dataDir): ledger-data is the real ledger's directory");
        Run size = ledger("demo", "--load-only", "--agreements", "0");
        assertThat(size.exitCode()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(size.err()).startsWith("error: --agreements (agreements): ");
    }
}
