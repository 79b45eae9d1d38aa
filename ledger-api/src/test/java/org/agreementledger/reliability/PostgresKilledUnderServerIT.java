package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL killed with SIGKILL under a running {@code serve} (the JVM untouched), as
 * the OOM killer or a crash would. Its postmaster is not a child of the JVM: nothing noticed, and every
 * request waited about 30 s for a connection and answered Spring's default 500 body until someone
 * restarted the service. Now the ledger notices within a quarter of a second, answers 503 problem
 * documents with Retry-After at once meanwhile, starts PostgreSQL again on the same data directory and
 * answers again within 30 s, with every acknowledged append still there; if PostgreSQL cannot be
 * started again it exits non-zero so that a supervisor restarts it.
 */
@Tag("reliability")
class PostgresKilledUnderServerIT {

    private static final String PREFIX = "Supervised";
    private static final int SIGNED = 20;

    @TempDir
    Path work;

    private final HttpClient client = Clients.http();

    /** One request's answer and how long it took. */
    record Answer(Instant at, String what, int status, long millis, String contentType, String retryAfter,
                  String body) {
        @Override
        public String toString() {
            return what + " " + status + " in " + millis + " ms" + (status >= 400 ? ": " + body : "");
        }
    }

    @Test
    void aKilledPostgresIsStartedAgainAndMeanwhileRequestsAre503ProblemsAnsweredAtOnce() throws Exception {
        Path dataDir = work.resolve("ledger-data");
        LedgerServer server = LedgerServer.start(dataDir, null, work.resolve("ledger.log"), Map.of());
        try {
            for (int i = 0; i < SIGNED; i++) {
                assertThat(Clients.sign(client, server.uri("/api/agreements"), PREFIX, i)).isEqualTo(201);
            }
            Clients.awaitCountedAgreements(server, SIGNED, Duration.ofSeconds(60));
            ProcessHandle postmaster = postmaster(dataDir);

            postmaster.destroyForcibly();
            Instant killed = Instant.now();
            List<Answer> answers = new ArrayList<>();
            Answer recovered = null;
            for (int round = 0; recovered == null && Duration.between(killed, Instant.now()).toSeconds() < 40; round++) {
                Answer counts = get(server, "/api/reports/counts?asOf=" + Clients.AS_OF, false);
                answers.add(counts);
                answers.add(get(server, "/api/ledger/digest", true)); // a token: looked up in the database
                answers.add(get(server, "/api/status", false));
                if (counts.status() == 200 && answers.stream().anyMatch(answer -> answer.status() == 503)) {
                    recovered = counts;
                }
                CrashablePostgres.pause(Duration.ofMillis(100));
            }
            Map<String, String> previous = new java.util.HashMap<>();
            for (Answer answer : answers) { // each request's changes of answer, not the hundreds alike
                String kind = answer.status() + " " + answer.body().replaceAll("\\d+ s ago", "");
                if (!kind.equals(previous.put(answer.what(), kind)) || answer.millis() >= 100) {
                    System.out.printf("+%5d ms  %s%n", Duration.between(killed, answer.at()).toMillis(),
                            abbreviate(answer.toString()));
                }
            }
            System.out.printf("%d answers, slowest %d ms%n", answers.size(),
                    answers.stream().mapToLong(Answer::millis).max().orElse(0));

            assertThat(recovered).as("a report answered again after the outage:%n%s", server.logTail()).isNotNull();
            long downFor = Duration.between(killed, recovered.at()).toMillis();
            System.out.printf("PostgreSQL killed; first report answered again %d ms later%n", downFor);
            assertThat(downFor).as("ms until the ledger answered again").isLessThan(30_000);
            List<Answer> unavailable = answers.stream().filter(answer -> answer.status() == 503).toList();
            assertThat(unavailable).as("503s while PostgreSQL was restarted").isNotEmpty();
            assertThat(answers).as("every answer: a report, 503 or the status, and at once").allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isIn(200, 503);
                assertThat(answer.millis()).as(answer.toString()).isLessThan(1000);
            });
            assertThat(unavailable).allSatisfy(answer -> {
                assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
                assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
                assertThat(answer.body()).as(answer.toString()).contains("\"status\":503")
                        .contains("\"title\":\"Database unavailable\"");
            });
            assertThat(unavailable).as("once noticed, the 503s say what happened")
                    .anyMatch(answer -> answer.body().contains("stopped unexpectedly"));
            assertThat(answers).as("the status said so meanwhile")
                    .anyMatch(answer -> answer.what().endsWith("/api/status") && answer.body().contains("\"unavailable\""));

            ProcessHandle restarted = postmaster(dataDir);
            assertThat(restarted.pid()).isNotEqualTo(postmaster.pid());
            assertThat(restarted.isAlive()).isTrue();
            Clients.awaitCountedAgreements(server, SIGNED, Duration.ofSeconds(30)); // nothing acknowledged lost
            assertThat(Clients.sign(client, server.uri("/api/agreements"), PREFIX, SIGNED)).isEqualTo(201);
            Clients.awaitCountedAgreements(server, SIGNED + 1, Duration.ofSeconds(30));
            assertThat(Files.readString(work.resolve("ledger.log"))).contains("stopped unexpectedly")
                    .contains("was restarted");
        } finally {
            server.stop();
        }
    }

    @Test
    void whenPostgresCannotBeStartedAgainTheServiceExitsNonZero() throws Exception {
        Path dataDir = work.resolve("ledger-data");
        Path log = work.resolve("ledger.log");
        LedgerServer server = LedgerServer.start(dataDir, null, log,
                Map.of("ledger.db.supervision.restart-within", "5s"));
        try {
            // read only at start: the running server is unaffected, a new one refuses to start
            Files.writeString(dataDir.resolve("postgres").resolve("postgresql.conf"), "\nthis is not a setting\n",
                    StandardOpenOption.APPEND);
            postmaster(dataDir).destroyForcibly();
            Instant killed = Instant.now();

            Answer meanwhile = get(server, "/api/reports/counts?asOf=" + Clients.AS_OF, false);
            for (int i = 0; meanwhile.status() == 200 && i < 20; i++) {
                CrashablePostgres.pause(Duration.ofMillis(100));
                meanwhile = get(server, "/api/reports/counts?asOf=" + Clients.AS_OF, false);
            }
            assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(503);
            assertThat(meanwhile.millis()).as(meanwhile.toString()).isLessThan(1000);

            OptionalInt exit = server.awaitExit(Duration.ofSeconds(60));
            System.out.printf("PostgreSQL could not start again; the ledger exited %s, %d ms after the kill%n", exit,
                    Duration.between(killed, Instant.now()).toMillis());
            assertThat(exit).as("the ledger exited:%n%s", server.logTail()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(Files.readString(log)).contains("Could not start the ledger's PostgreSQL again within 5 s");
        } finally {
            server.kill();
        }
    }

    private Answer get(LedgerServer server, String path, boolean withToken) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(40));
        if (withToken) {
            request.header("Authorization", "Bearer " + LedgerServer.ARCHIVIST_TOKEN);
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(at, "GET " + path, response.statusCode(), (System.nanoTime() - started) / 1_000_000,
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            return new Answer(at, "GET " + path, -1, (System.nanoTime() - started) / 1_000_000, "", null, e.toString());
        }
    }

    private static ProcessHandle postmaster(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    }

    private static String abbreviate(String text) {
        return text.length() > 240 ? text.substring(0, 240) + "…" : text;
    }
}
