package org.agreementledger.database;

import static org.agreementledger.testing.TestAgreements.modelChange;
import static org.agreementledger.testing.TestAgreements.signing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.agreement.app.HistoryEntry;
import org.agreementledger.api.SupportModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded default: a data directory that survives a stop, with durability switched on. */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... more) {
        List<String> arguments = new java.util.ArrayList<>(
                // empty url: the embedded default, whatever the environment says
                List.of("--ledger.db.url=", "--ledger.db.data-dir=" + dataDir));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    @Test
    void stoppingAndRestartingKeepsEveryEvent() {
        String first;
        String second;
        List<HistoryEntry> before;
        try (ConfigurableApplicationContext ledger = start()) {
            AgreementLedger appends = ledger.getBean(AgreementLedger.class);
            first = appends.sign(signing());
            second = appends.sign(signing());
            appends.amend(modelChange(second, SupportModel.TFM, LocalDate.of(2025, 4, 1), null));
            before = ledger.getBean(AgreementHistory.class).of(second);
        }

        try (ConfigurableApplicationContext ledger = start()) {
            AgreementHistory history = ledger.getBean(AgreementHistory.class);
            assertThat(history.of(first)).hasSize(1);
            assertThat(history.of(second)).isEqualTo(before);
            assertThat(ledger.getBean(JdbcTemplate.class).queryForObject("select count(*) from domainevententry",
                    Long.class)).isEqualTo(3);
            // and the ledger keeps working after the restart
            ledger.getBean(AgreementLedger.class).amend(
                    org.agreementledger.testing.TestAgreements.withdrawal(first, LocalDate.of(2025, 5, 1)));
            assertThat(history.of(first)).hasSize(2);
        }
    }

    @Test
    void extraServerSettingsApplyBesideTheLedgersOwn() {
        // brackets keep a map key's underscores and dots (Spring Boot's binding drops them otherwise)
        try (ConfigurableApplicationContext ledger = start(
                "--ledger.db.embedded-settings[shared_preload_libraries]=pg_stat_statements",
                "--ledger.db.embedded-settings[pg_stat_statements.track]=all",
                "--ledger.db.embedded-settings[work_mem]=7MB")) {
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("show work_mem", String.class)).isEqualTo("7MB");
            jdbc.execute("create extension if not exists pg_stat_statements");
            assertThat(jdbc.queryForObject("show pg_stat_statements.track", String.class)).isEqualTo("all");
            assertThat(jdbc.queryForObject("select count(*) from pg_stat_statements", Long.class)).isPositive();
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        }
    }

    @Test
    void extraServerSettingsMayNotChangeTheLedgersOwn() {
        assertThatThrownBy(() -> start("--ledger.db.embedded-settings[synchronous_commit]=off").close())
                .rootCause().hasMessageContaining("ledger.db.embedded-settings.synchronous_commit")
                .hasMessageContaining("the ledger sets synchronous_commit itself");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void durabilityIsOn() {
        try (ConfigurableApplicationContext ledger = start()) {
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        }
    }

    @Test
    void aDataDirectoryInUseIsRefusedWithoutTouchingIt() {
        try (EmbeddedLedgerDatabase running = EmbeddedLedgerDatabase.start(dataDir, 20)) {
            assertThatThrownBy(() -> EmbeddedLedgerDatabase.start(dataDir, 20))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDir.toString());
            assertThat(running.port()).isPositive();
        }
    }
}
