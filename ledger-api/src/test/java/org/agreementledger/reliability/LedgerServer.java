package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ledger.jar serve} as a child process, as it runs in production: started,
 * waited for on loopback, stopped, or killed with SIGKILL. The jar exists from Maven's package
 * phase on, so the tests that use this are *IT tests run by failsafe.
 */
final class LedgerServer {

    static final String ARCHIVIST_TOKEN = "reliability-archivist-token";
    static final Path JAR = Path.of("target", "ledger.jar").toAbsolutePath();

    private final Process process;
    private final int port;
    private final Path log;

    private LedgerServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param dataDir   the embedded PostgreSQL's directory; null with an {@code externalUrl}
     * @param externalUrl {@code LEDGER_DB_URL}, or null for the embedded database
     * @param properties Spring properties as JVM system properties (they outrank application.yml)
     */
    static LedgerServer start(Path dataDir, String externalUrl, Path log, Map<String, String> properties) {
        assertThat(JAR).as("the packaged application (run through failsafe, after package)").isRegularFile();
        int port = CrashablePostgres.freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // these servers are about faults and load on their own ledgers, not about ICE's archive
        command.addAll(List.of("-jar", JAR.toString(), "serve", "--port", Integer.toString(port), "--no-archive"));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("LEDGER_DB_URL");
        builder.environment().put("LEDGER_ARCHIVIST_TOKEN", ARCHIVIST_TOKEN);
        if (externalUrl != null) {
            builder.environment().put("LEDGER_DB_URL", externalUrl);
            builder.environment().put("LEDGER_DB_USER", "postgres");
        }
        try {
            LedgerServer server = new LedgerServer(builder.start(), port, log);
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status once the process has ended by itself within {@code timeout}; empty if it still runs. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the ledger exited with " + process.exitValue() + " while starting:\n"
                        + logTail());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        uri("/api/reports/counts?asOf=2025-01-01")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            CrashablePostgres.pause(Duration.ofMillis(200));
        }
        kill();
        throw new AssertionError("the ledger did not answer within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    /** SIGKILL: no shutdown hooks, no graceful close; its PostgreSQL, if embedded, is left running. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Spring closes the context, releases token claims, stops its PostgreSQL. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitFor() {
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the ledger process ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
