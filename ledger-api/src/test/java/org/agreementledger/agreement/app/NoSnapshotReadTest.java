package org.agreementledger.agreement.app;

import static org.agreementledger.testing.TestAgreements.modelChange;
import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.agreementledger.testing.TestAgreements.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.agreementledger.api.SupportModel;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agreements are always rebuilt from their events: the storage engine never looks in
 * snapshotevententry (the ledger takes no snapshots, and skipping the lookup saves a round trip on
 * every amendment). A stray row there, an empty agreement at sequence 1, which Axon's default
 * engine would load instead of the signing (and the withdrawal would then fail), changes nothing.
 */
class NoSnapshotReadTest extends LedgerIntegrationTest {

    @Autowired
    AgreementLedger ledger;
    @Autowired
    AgreementHistory history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAmendmentLoadsItsAgreementFromTheEventsAloneEvenWithAStraySnapshot() {
        String id = ledger.sign(signing(uniqueAgency("Snapshot"), SupportModel.JEM, LocalDate.of(2025, 1, 2)));
        ledger.amend(modelChange(id, SupportModel.TFM, LocalDate.of(2025, 3, 1), null));
        jdbc.update("""
                insert into snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                values (?, 1, 'Agreement', ?, '2025-03-01T00:00:00Z', 'org.agreementledger.agreement.Agreement', null,
                    ?, ?)""", id, "stray-" + id, "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        ledger.amend(withdrawal(id, LocalDate.of(2025, 6, 1)));

        assertThat(history.of(id)).extracting(HistoryEntry::type)
                .containsExactly("AgreementSigned", "SupportModelChanged", "AgreementWithdrawn");
    }
}
