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

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                // empty url: the embedded default, whatever the environment says
                .run("--ledger.db.url=", "--ledger.db.data-dir=" + dataDir);
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
