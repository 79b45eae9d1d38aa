package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application cannot rewrite history even if its code tried: through its own DataSource an
 * UPDATE, a DELETE or a TRUNCATE of the event or chain table is refused, and nothing changes.
 */
class AppendOnlyTest extends LedgerIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    LedgerChain chain;

    @Test
    void updatesDeletesAndTruncatesAreRefusedOnEventsAndLinks() {
        String id = ledger.sign(TestAgreements.signing());
        long events = new EventStoreRows(jdbc).count();
        Digest before = chain.digest();

        for (String sql : new String[] {
                "update domainevententry set payload = convert_to('{}', 'UTF8') where aggregateidentifier = '" + id + "'",
                "delete from domainevententry where aggregateidentifier = '" + id + "'",
                "truncate domainevententry cascade",
                "update ledger_chain set hash = sha256(hash) where position = " + before.position(),
                "delete from ledger_chain where position = " + before.position(),
                "truncate ledger_chain"}) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("the ledger is append-only");
        }

        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(events);
        assertThat(new EventStoreRows(jdbc).countFor(id)).isEqualTo(1);
        assertThat(chain.digest()).isEqualTo(before);
        assertThat(chain.verify(before, org.agreementledger.progress.Progress.NONE).intact()).isTrue();
    }

    @Test
    void everyAppendThroughAxonExtendsTheChainInItsTransaction() {
        long links = chain.digest().position();
        long events = new EventStoreRows(jdbc).count();
        String id = ledger.sign(TestAgreements.signing());
        ledger.amend(TestAgreements.withdrawal(id, java.time.LocalDate.of(2025, 1, 4)));

        assertThat(chain.digest().position()).isEqualTo(links + 2);
        assertThat(jdbc.queryForObject("select count(*) from ledger_chain", Long.class))
                .isEqualTo(new EventStoreRows(jdbc).count()).isEqualTo(events + 2);
        Verification verification = chain.verify(null, org.agreementledger.progress.Progress.NONE);
        assertThat(verification.intact()).as(String.valueOf(verification.findings())).isTrue();
    }
}
