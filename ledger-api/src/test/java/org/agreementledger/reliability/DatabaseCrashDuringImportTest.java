package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL killed with SIGKILL while a publication is imported, once between two appends and once
 * while the server is executing the COMMIT. Each time the import fails, the publication is wholly
 * absent after PostgreSQL restarts on the same data directory (crash recovery), the same running
 * application imports it again, and the ledger then holds exactly what a clean import of the same
 * publications holds: events, importer tables and report rows.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseCrashDuringImportTest {

    private static final List<String> FILES = List.of("participatingAgencies05162025am.xlsx",
            "participatingAgencies05192025am.xlsx", "participatingAgencies05192025pm.xlsx");

    @TempDir
    static Path dataDir;

    private CrashablePostgres postgres;
    private ConfigurableApplicationContext ledger;
    private ConfigurableApplicationContext clean;

    @BeforeAll
    void start() throws SQLException {
        postgres = CrashablePostgres.start(dataDir);
        try (Connection admin = DriverManager.getConnection(postgres.url(), "postgres", "")) {
            admin.createStatement().execute("create database crashed");
            admin.createStatement().execute("create database clean");
        }
        ledger = InProcessLedger.start(postgres.url("crashed"), WebApplicationType.NONE,
                "--ledger.db.connection-timeout=3s");
        clean = InProcessLedger.start(postgres.url("clean"), WebApplicationType.NONE);
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {ledger, clean}) {
            if (context != null) {
                context.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        IceSheetFiles.assertUntouched();
    }

    private static ImportReport importFile(ConfigurableApplicationContext context, String name) {
        Path file = IceSheetFiles.named(name);
        return context.getBean(PublicationImporter.class).importFile(file, name, null, Progress.NONE);
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    /** Both ledgers, their projections caught up: the crashed one must hold what the clean one holds. */
    private void assertSameAsCleanImportOf(List<String> files) {
        for (String file : files) {
            importFile(clean, file); // already imported ones answer ALREADY IMPORTED and append nothing
        }
        for (ConfigurableApplicationContext context : List.of(ledger, clean)) {
            context.getBean(ReportProcessor.class).awaitCaughtUp(Duration.ofSeconds(60));
        }
        LedgerSnapshot crashed = LedgerSnapshot.of(jdbc(ledger));
        LedgerSnapshot expected = LedgerSnapshot.of(jdbc(clean));
        assertThat(crashed.publications()).as("publications").isEqualTo(expected.publications())
                .hasSize(files.size());
        assertThat(crashed.events()).as("events (aggregate|sequence|type)").isEqualTo(expected.events());
        assertThat(crashed.currentAgreements()).as("current_agreement").isEqualTo(expected.currentAgreements());
        assertThat(crashed.requests()).as("agreement_request").isEqualTo(expected.requests());
        assertThat(crashed.reportRows()).as("published report rows").isEqualTo(expected.reportRows());
        assertThat(LedgerSnapshot.duplicateEvents(jdbc(ledger))).isEmpty();
    }

    @Test
    @Order(1)
    void killedBetweenTwoAppendsTheImportFailsLeavesNothingAndTheRerunCompletesIt() {
        assertThat(importFile(ledger, FILES.get(0)).outcome()).isEqualTo(ImportReport.IMPORTED);
        LedgerSnapshot before = LedgerSnapshot.of(jdbc(ledger));

        AtomicInteger handled = new AtomicInteger();
        // counted as the events are decided (by the batch path or a command handler), one an append
        Registration killer = ledger.getBean(EventBus.class).registerDispatchInterceptor(events -> (index, event) -> {
            if (handled.incrementAndGet() == 10) {
                postgres.kill(); // after 9 of the publication's 22 appends, before the 10th
            }
            return event;
        });
        try {
            assertThatThrownBy(() -> importFile(ledger, FILES.get(1))).as("the import reports the failure")
                    .isInstanceOf(RuntimeException.class);
        } finally {
            killer.cancel();
        }
        assertThat(postgres.running()).isFalse();
        postgres.restart();
        CrashablePostgres.awaitReconnected(jdbc(ledger), Duration.ofSeconds(30));

        assertThat(LedgerSnapshot.of(jdbc(ledger))).as("nothing of the publication after recovery")
                .usingRecursiveComparison().ignoringFields("reportRows").isEqualTo(before);

        assertThat(importFile(ledger, FILES.get(1)).outcome()).isEqualTo(ImportReport.IMPORTED);
        assertSameAsCleanImportOf(FILES.subList(0, 2));
    }

    @Test
    @Order(2)
    void killedWhileCommittingTheImportFailsLeavesNothingAndTheRerunCompletesIt() throws Exception {
        JdbcTemplate jdbc = jdbc(ledger);
        LedgerSnapshot before = LedgerSnapshot.of(jdbc);
        // A deferred constraint trigger runs inside COMMIT: make the commit of a publication take a
        // while, so PostgreSQL can be killed while it is committing.
        jdbc.execute("create function slow_commit() returns trigger language plpgsql as"
                + " $$ begin perform pg_sleep(60); return null; end $$");
        jdbc.execute("create constraint trigger slow_commit after insert on imported_publication"
                + " deferrable initially deferred for each row execute function slow_commit()");

        CompletableFuture<ImportReport> running = CompletableFuture.supplyAsync(() -> importFile(ledger, FILES.get(2)));
        awaitCommitInProgress();
        postgres.kill();
        assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS)).as("the import reports the failure")
                .isInstanceOf(ExecutionException.class);
        postgres.restart();
        CrashablePostgres.awaitReconnected(jdbc, Duration.ofSeconds(30));

        jdbc.execute("drop trigger slow_commit on imported_publication");
        jdbc.execute("drop function slow_commit()");
        assertThat(LedgerSnapshot.of(jdbc)).as("nothing of the publication after recovery")
                .usingRecursiveComparison().ignoringFields("reportRows").isEqualTo(before);

        assertThat(importFile(ledger, FILES.get(2)).outcome()).isEqualTo(ImportReport.IMPORTED);
        assertSameAsCleanImportOf(FILES);
    }

    /** Until a backend of the crashed ledger's database sleeps in the commit trigger. */
    private void awaitCommitInProgress() throws SQLException {
        Instant deadline = Instant.now().plusSeconds(60);
        try (Connection watcher = DriverManager.getConnection(postgres.url(), "postgres", "")) {
            while (Instant.now().isBefore(deadline)) {
                var result = watcher.createStatement().executeQuery("select count(*) from pg_stat_activity"
                        + " where datname = 'crashed' and wait_event = 'PgSleep'");
                result.next();
                if (result.getInt(1) > 0) {
                    return;
                }
                CrashablePostgres.pause(Duration.ofMillis(10));
            }
        }
        throw new AssertionError("the import never reached its commit within 60 s");
    }
}
