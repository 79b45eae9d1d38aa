package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ledger demo} sent SIGTERM while it loads, as the issue found it: the next start said the
 * directory "already holds a demo history (1,000 synthetic events)" and served part of one, and the
 * load logged "Cannot reuse aggregate identifier … identifiers need to be unique" while the real cause
 * was the shutdown closing its connection (zonky's shutdown hook stopped PostgreSQL under it). Now the
 * shutdown waits for the batch under way, the load says it was stopped, PostgreSQL is stopped after
 * it, and the next start refuses the half-loaded directory saying what to do.
 */
@Tag("reliability")
class DemoInterruptedIT {

    private static final String AGREEMENTS = "5000"; // about 5,800 events: six batches

    @TempDir
    Path work;

    @Test
    void sigtermWhileLoadingStopsAfterABatchAndTheNextStartRefusesTheHalfLoadedDemo() throws Exception {
        Path dataDir = work.resolve("ledger-demo");
        Path out = work.resolve("first.out");
        Path err = work.resolve("first.err");
        Process first = demo(dataDir, out, err);
        awaitInFile(first, err, "1,000/", Duration.ofSeconds(120));
        first.destroy(); // SIGTERM, as systemd, Docker or Ctrl-C would send
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("the demo ended after SIGTERM").isTrue();

        String said = read(out) + read(err);
        System.out.printf("SIGTERM'd demo exited %d; it said: %s%n", first.exitValue(), lineWith(said, "stopped"));
        assertThat(first.exitValue()).isNotZero();
        assertThat(said).containsPattern("the demo load was stopped after [\\d,]+ of [\\d,]+ events: the application"
                        + " is shutting down")
                .doesNotContain("Cannot reuse aggregate identifier").doesNotContain("Connection is closed")
                .doesNotContain("terminating connection due to administrator command");
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
            assertThat(postmaster.map(ProcessHandle::isAlive)).as("PostgreSQL left running").isNotEqualTo(Optional.of(true));
        }

        Path againOut = work.resolve("again.out");
        Path againErr = work.resolve("again.err");
        Process again = demo(dataDir, againOut, againErr);
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String refusal = read(againErr);
        System.out.printf("the next start exited %d: %s%n", again.exitValue(), lineWith(refusal, "error"));
        assertThat(again.exitValue()).as("bad input: the directory").isEqualTo(2);
        assertThat(refusal).contains("error: --data-dir (dataDir): " + dataDir + " holds part of a demo history")
                .contains("delete it and run bin/ledger demo again");
        assertThat(read(againOut)).doesNotContain("already holds a demo history");
    }

    private Process demo(Path dataDir, Path out, Path err) throws IOException {
        assertThat(LedgerServer.JAR).as("the packaged application (run through failsafe, after package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true", "-jar",
                LedgerServer.JAR.toString(), "demo", "--load-only", "--data-dir", dataDir.toString(),
                "--agreements", AGREEMENTS));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("LEDGER_DB_URL");
        return builder.start();
    }

    /** The progress bar is on stderr; the load is under way once it shows the first batch. */
    private static void awaitInFile(Process process, Path file, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file) && read(file).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the demo ended before '" + text + "':\n" + read(file));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("no '" + text + "' within " + timeout.toSeconds() + " s:\n" + read(file));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String lineWith(String text, String word) {
        return text.lines().filter(line -> line.contains(word)).findFirst().orElse("(none)");
    }
}
