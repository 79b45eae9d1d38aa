package org.agreementledger.agreement.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.modelChange;
import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.agreementledger.testing.TestAgreements.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.agreementledger.api.AgreementNotFoundException;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules end to end, a few: a refused command names the field and leaves the store as it was,
 * request bodies are refused by field name, an agreement never signed is not found, and knownOn
 * defaults to the day of the append in the stored payload. Each rule itself is tested as the pure
 * function it is in ledger-core (AgreementStateTest, AgreementFixtureTest).
 */
class AgreementRulesTest extends LedgerIntegrationTest {

    private static final LocalDate SIGNED = LocalDate.of(2025, 1, 2);

    @Autowired
    AgreementLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    EventStoreRows rows;

    @BeforeEach
    void rows() {
        rows = new EventStoreRows(jdbc);
    }

    private void refused(String field, ThrowingCallable append) {
        long before = rows.count();
        assertThatThrownBy(append)
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith(field + ": ")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
        assertThat(rows.count()).as("events in the store after a refused append").isEqualTo(before);
    }

    private SignAgreement signingWith(LocalDate signedOn, LocalDate effectiveOn, LocalDate knownOn) {
        return new SignAgreement(UsState.TN, uniqueAgency("Rules"), null, "County", SupportModel.TFM, signedOn,
                null, effectiveOn, knownOn, PRESS);
    }

    @Test
    void knownOnDefaultsToTheDayOfTheAppend() {
        String id = ledger.sign(signingWith(SIGNED, null, null));
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb ->> 'knownOn' "
                + "from domainevententry where aggregateidentifier = ?", String.class, id))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    }

    @Test
    void unknownModelAndStateAndMalformedDatesAreRefusedByName() {
        AgreementRequests.SourceBody source = new AgreementRequests.SourceBody("press", "Gazette", null, null, null, null);
        refused("model", () -> ledger.sign(new AgreementRequests.Sign("AL", uniqueAgency("M"), null, null, "JAIL",
                "2025-01-02", null, null, null, source).toCommand()));
        refused("state", () -> ledger.sign(new AgreementRequests.Sign("Atlantis", uniqueAgency("S"), null, null, "JEM",
                "2025-01-02", null, null, null, source).toCommand()));
        refused("signedOn", () -> ledger.sign(new AgreementRequests.Sign("AL", uniqueAgency("D"), null, null, "JEM",
                "01/02/2025", null, null, null, source).toCommand()));
        refused("signedOn", () -> ledger.sign(new AgreementRequests.Sign("AL", uniqueAgency("D"), null, null, "JEM",
                "2025-02-30", null, null, null, source).toCommand()));
        refused("source.kind", () -> ledger.sign(new AgreementRequests.Sign("AL", uniqueAgency("K"), null, null, "JEM",
                "2025-01-02", null, null, null,
                new AgreementRequests.SourceBody("rumour", "x", null, null, null, null)).toCommand()));
        refused("source.title", () -> ledger.sign(new AgreementRequests.Sign("AL", uniqueAgency("K"), null, null, "JEM",
                "2025-01-02", null, null, null,
                new AgreementRequests.SourceBody("press", " ", null, null, null, null)).toCommand()));
    }

    @Test
    void noEventOnAnAgreementNeverSigned() {
        String never = "AL-never-signed#JEM#2025-01-02";
        long before = rows.count();
        assertThatThrownBy(() -> ledger.amend(withdrawal(never, SIGNED)))
                .isInstanceOf(AgreementNotFoundException.class)
                .hasMessageContaining("agreementId")
                .hasMessageContaining(never);
        assertThatThrownBy(() -> ledger.amend(modelChange(never, SupportModel.TFM, SIGNED, null)))
                .isInstanceOf(AgreementNotFoundException.class);
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void noWithdrawalOfAWithdrawnAgreement() {
        String id = ledger.sign(signing());
        ledger.amend(withdrawal(id, SIGNED.plusDays(30)));
        refused("agreementId", () -> ledger.amend(withdrawal(id, SIGNED.plusDays(40))));
        refused("agreementId", () -> ledger.amend(modelChange(id, SupportModel.WSO, SIGNED.plusDays(40), null)));
    }

}
