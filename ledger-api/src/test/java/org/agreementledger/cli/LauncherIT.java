package org.agreementledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ledger itself, on the packaged jar and the embedded default: append sign, then history; and the
 * README's run command, {@code bin/ledger serve} on a fresh data directory, serving ICE's real record.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "ledger").toAbsolutePath().normalize();

    @TempDir
    Path work;

    record Result(int exitCode, String out, String err) {
    }

    private Result ledger(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().remove("LEDGER_DB_URL");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/ledger finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void appendSignThenHistory() throws Exception {
        Result sign = ledger("append", "sign", "--state", "TX", "--agency-name", "Goliad County Sheriff's Office",
                "--model", "WSO", "--signed-on", "2025-02-20", "--known-on", "2025-05-16",
                "--source-title", "ICE participating agencies 2025-05-16 am");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("appended sign to TX-goliad-county-sheriffs-office#WSO#2025-02-20");
        assertThat(work.resolve("ledger-data")).as("the default data directory").isDirectory();

        Result history = ledger("history", "TX-goliad-county-sheriffs-office#WSO#2025-02-20");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).containsPattern("AgreementSigned\\s+2025-02-20\\s+2025-05-16\\s+\\d{4}-\\S+Z\\s+"
                + "manual: ICE participating agencies 2025-05-16 am");

        Result bad = ledger("append", "sign", "--state", "TX", "--agency-name", "X", "--model", "WSO",
                "--signed-on", "1995-01-01", "--source-title", "x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--signed-on (signedOn): 1995-01-01 is before 1996-09-30");
    }

    @Test
    void theReadmesRunCommandServesTheRealRecord() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "serve", "--port", Integer.toString(port))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("serve.txt").toFile());
        builder.environment().remove("LEDGER_DB_URL");
        builder.environment().remove("LEDGER_ARCHIVE_MANIFEST"); // bin/ledger's own default: the repository's archive
        Process serve = builder.start();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String status = "";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!status.contains("\"state\":\"ready\"") && System.nanoTime() < deadline && serve.isAlive()) {
                Thread.sleep(500);
                try {
                    status = http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/api/status")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.net.ConnectException notListeningYet) {
                    status = "";
                }
            }
            assertThat(status).as(Files.readString(work.resolve("serve.txt"))).contains("\"state\":\"ready\"");
            String counts = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                            + port + "/api/reports/counts?asOf=2026-01-26&knownAt=2026-01-26")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            // ICE's list of 2026-01-26, as the archive holds it
            assertThat(counts).contains("\"agreements\":1372").contains("\"agencies\":1149")
                    .contains("\"states\":39").contains("\"territories\":2").doesNotContain("SYNTHETIC");
            assertThat(work.resolve("ledger-data")).as("the default data directory").isDirectory();
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped").isTrue();
        }
    }
}
