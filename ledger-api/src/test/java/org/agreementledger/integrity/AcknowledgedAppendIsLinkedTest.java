package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Acknowledged means linked: an append whose commit found the chain's lock held by another writer
 * (V32) is stored at once and counted as pending, not as tampering, and its acknowledgement waits
 * until it is linked.
 */
@TestPropertySource(properties = "ledger.test.ledger=acknowledged-linked")
class AcknowledgedAppendIsLinkedTest extends LedgerIntegrationTest {

    /** The chain's advisory lock key ('LEDGERCH'), as the migrations take it. */
    private static final long CHAIN_LOCK = 5495873993171944264L;

    @Autowired
    AcknowledgedWrites writes;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    LedgerChain chain;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private long storedEventsOf(String agreementId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                agreementId);
    }

    private long linkedEventsOf(String agreementId) {
        return jdbc.queryForObject("""
                select count(*) from ledger_chain c join domainevententry e using (globalindex)
                where e.aggregateidentifier = ?""", Long.class, agreementId);
    }

    @Test
    void anAppendWhoseCommitFoundTheLockHeldIsAcknowledgedOnlyOnceLinked() throws Exception {
        String linkedAtOnce = writes.append(() -> ledger.sign(TestAgreements.signing())).result();
        assertThat(linkedEventsOf(linkedAtOnce)).as("the lock free: linked inside its commit").isEqualTo(1);

        SignAgreement signing = TestAgreements.signing();
        String agreementId;
        CompletableFuture<Acknowledgement<String>> signed;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
            }
            signed = CompletableFuture.supplyAsync(() -> writes.append(() -> ledger.sign(signing)));
            agreementId = signing.agreementId();
            awaitStored(agreementId);

            Thread.sleep(300);
            assertThat(signed).as("not acknowledged while unlinked").isNotDone();
            assertThat(linkedEventsOf(agreementId)).isZero();
            Verification meanwhile = chain.verify(null, Progress.NONE);
            assertThat(meanwhile.intact()).as(String.valueOf(meanwhile.findings())).isTrue();
            assertThat(meanwhile.pendingEvents()).isEqualTo(1);
            holder.commit();
        }
        assertThat(signed.get(30, TimeUnit.SECONDS).result()).isEqualTo(agreementId);
        assertThat(linkedEventsOf(agreementId)).isEqualTo(1);
        Verification verification = chain.verify(null, Progress.NONE);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.pendingEvents()).isZero();
    }

    /** Returns once the agreement's signing is committed. */
    private void awaitStored(String agreementId) throws InterruptedException {
        for (int i = 0; i < 200 && storedEventsOf(agreementId) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(storedEventsOf(agreementId)).as("committed while the lock is held").isEqualTo(1);
    }
}
