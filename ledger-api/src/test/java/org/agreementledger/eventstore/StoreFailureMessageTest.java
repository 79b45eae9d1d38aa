package org.agreementledger.eventstore;

import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.agreementledger.agreement.app.AgreementConflictException;
import org.agreementledger.api.SupportModel;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A store failure that is not a conflict says what the database said. Axon words every failure to
 * insert an aggregate's first event as a duplicate ("Cannot reuse aggregate identifier … identifiers
 * need to be unique"): an interrupted demo load logged that when its connection had been closed.
 */
@TestPropertySource(properties = "ledger.test.ledger=store-failure")
class StoreFailureMessageTest extends LedgerIntegrationTest {

    @Autowired
    AtomicAppender appender;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void dropTheFault() {
        jdbc.execute("drop trigger if exists disk_full on domainevententry");
        jdbc.execute("drop function if exists disk_full()");
    }

    @Test
    void aFailedInsertNamesTheDatabasesErrorNotADuplicate() {
        // the database refuses the insert as a full disk would (SQL state 53100), for this test's agencies only
        jdbc.execute("create function disk_full() returns trigger language plpgsql as $$ begin"
                + " if new.aggregateidentifier like 'AL-doomed-%' then"
                + " raise exception 'could not extend file: No space left on device' using errcode = '53100';"
                + " end if; return new; end $$");
        jdbc.execute("create trigger disk_full before insert on domainevententry for each row execute function disk_full()");

        assertThatThrownBy(() -> appender.appendAll(java.util.List.of(signing(uniqueAgency("Doomed"), SupportModel.JEM,
                LocalDate.of(2025, 1, 2))), "sign", Progress.NONE))
                .isNotInstanceOf(AgreementConflictException.class)
                .hasMessageStartingWith("the event store could not store AgreementSigned of AL-doomed-")
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("(SQL state 53100)")
                .hasMessageNotContaining("Cannot reuse aggregate identifier");
    }
}
