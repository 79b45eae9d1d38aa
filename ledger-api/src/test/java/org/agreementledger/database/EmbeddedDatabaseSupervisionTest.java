package org.agreementledger.database;

import static org.agreementledger.testing.TestAgreements.signing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.agreement.app.AgreementLedger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded PostgreSQL killed under a running ledger (in this JVM; over HTTP and with the packaged
 * jar: PostgresKilledUnderServerIT). Work that needs it fails at once rather than after the pool's
 * 30 s, the ledger says it is out, starts it again on the same data directory, and appends work again
 * with every earlier event kept.
 */
@Tag("reliability")
class EmbeddedDatabaseSupervisionTest {

    @TempDir
    Path dataDir;

    @Test
    void aKilledPostgresIsStartedAgainOnTheSameDataAndMeanwhileWorkFailsAtOnce() throws Exception {
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).run("--ledger.db.url=", "--ledger.db.data-dir=" + dataDir)) {
            AgreementLedger appends = ledger.getBean(AgreementLedger.class);
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            DatabaseAvailability availability = ledger.getBean(DatabaseAvailability.class);
            String before = appends.sign(signing());
            ProcessHandle postmaster = postmaster();

            postmaster.destroyForcibly();
            Thread.sleep(100); // SIGKILL is delivered at once, but not within the same microsecond
            long started = System.nanoTime();
            assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from domainevententry", Long.class))
                    .satisfies(e -> assertThat(DatabaseOutages.isOutage(e)).as(e.toString()).isTrue());
            Duration failedIn = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("a query after the kill failed in %d ms%n", failedIn.toMillis());
            assertThat(failedIn).isLessThan(Duration.ofSeconds(1));

            Instant killed = Instant.now();
            awaitUntil(() -> !availability.up(), Duration.ofSeconds(5), "the outage noticed");
            awaitUntil(availability::up, Duration.ofSeconds(30), "the database back");
            System.out.printf("PostgreSQL back %d ms after the kill%n", Duration.between(killed, Instant.now()).toMillis());

            assertThat(postmaster().pid()).isNotEqualTo(postmaster.pid());
            assertThat(ledger.getBean(AgreementHistory.class).of(before)).hasSize(1);
            String after = appends.sign(signing());
            assertThat(ledger.getBean(AgreementHistory.class).of(after)).hasSize(1);
            assertThat(jdbc.queryForObject("select count(*) from domainevententry", Long.class)).isEqualTo(2);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL stopped with the ledger").isFalse();
    }

    private ProcessHandle postmaster() throws java.io.IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration within, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + within.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
