package org.agreementledger.agreement.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.modelChange;
import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.agreementledger.testing.TestAgreements.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A signing, a model change, a withdrawal and a correction go into the store and come back out whole. */
class AgreementLifecycleTest extends LedgerIntegrationTest {

    @Autowired
    AgreementLedger ledger;
    @Autowired
    AgreementHistory history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyKindOfEventRoundTripsThroughTheStore() {
        String agency = uniqueAgency("Lifecycle");
        String id = ledger.sign(signing(agency, SupportModel.JEM, LocalDate.of(2025, 1, 2)));
        ledger.amend(modelChange(id, SupportModel.TFM, LocalDate.of(2025, 3, 1), null));
        ledger.amend(withdrawal(id, LocalDate.of(2025, 6, 1)));
        ledger.amend(new CorrectAgreement(id, CorrectableField.county, "Colbert", "Franklin",
                LocalDate.of(2025, 1, 2), LocalDate.of(2025, 7, 1), PRESS, null));

        List<HistoryEntry> entries = history.of(id);

        assertThat(entries).extracting(HistoryEntry::sequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(entries).extracting(HistoryEntry::type).containsExactly("AgreementSigned",
                "SupportModelChanged", "AgreementWithdrawn", "AgreementCorrected");
        AgreementSigned signed = (AgreementSigned) entries.get(0).event();
        assertThat(signed.agencyName()).isEqualTo(agency);
        assertThat(signed.agencyId()).isEqualTo("AL-" + org.agreementledger.api.AgencyId.slug(agency));
        assertThat(signed.signedOn()).isEqualTo(LocalDate.of(2025, 1, 2));
        assertThat(signed.effectiveOn()).isEqualTo(LocalDate.of(2025, 1, 2));
        assertThat(signed.knownOn()).isEqualTo(LocalDate.of(2025, 1, 5));
        assertThat(signed.source()).isEqualTo(PRESS);
        assertThat((SupportModelChanged) entries.get(1).event())
                .extracting(SupportModelChanged::from, SupportModelChanged::to)
                .containsExactly(SupportModel.JEM, SupportModel.TFM);
        assertThat(((AgreementWithdrawn) entries.get(2).event()).reason()).isEqualTo(WithdrawalReason.WITHDRAWN_BY_AGENCY);
        assertThat((AgreementCorrected) entries.get(3).event())
                .extracting(AgreementCorrected::field, AgreementCorrected::oldValue, AgreementCorrected::newValue,
                        AgreementCorrected::knownOn)
                .containsExactly(CorrectableField.county, "Colbert", "Franklin", LocalDate.of(2025, 7, 1));
        assertThat(entries).allSatisfy(entry -> assertThat(entry.appendedAt()).isNotNull());
    }

    @Test
    void payloadsAreJsonAnAuditorCanQueryInSql() {
        String id = ledger.sign(signing(uniqueAgency("Sql"), SupportModel.WSO, LocalDate.of(2024, 11, 5)));

        Map<String, Object> row = jdbc.queryForMap("select payloadtype, convert_from(payload, 'UTF8')::jsonb ->> 'model' as model,"
                + " convert_from(payload, 'UTF8')::jsonb -> 'source' ->> 'kind' as kind,"
                + " convert_from(payload, 'UTF8')::jsonb ->> 'signedOn' as signed"
                + " from domainevententry where aggregateidentifier = ?", id);

        assertThat(row).containsEntry("payloadtype", AgreementSigned.class.getName())
                .containsEntry("model", "WSO").containsEntry("kind", "PRESS").containsEntry("signed", "2024-11-05");
    }

    @Test
    void theAggregateReloadsFromItsEventsBeforeDeciding() {
        String id = ledger.sign(signing());
        ledger.amend(modelChange(id, SupportModel.WSO, LocalDate.of(2025, 2, 1), null));
        // only a reload that replays the model change knows WSO is current now
        ledger.amend(modelChange(id, SupportModel.JEM, LocalDate.of(2025, 2, 2), null));
        assertThat(history.of(id)).extracting(entry -> entry.event().summary())
                .containsExactly(history.of(id).get(0).event().summary(), "support model JEM -> WSO",
                        "support model WSO -> JEM");
    }
}
