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
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
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

/** Each rule of the domain refuses its bad input, names the field, and leaves the store as it was. */
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
    void signingBeforeSection287gWasEnactedIsRefused() {
        refused("signedOn", () -> ledger.sign(signingWith(LocalDate.of(1996, 9, 29), null, LocalDate.of(2000, 1, 1))));
    }

    @Test
    void theEnactmentDayItselfIsAccepted() {
        String id = ledger.sign(signingWith(LocalDate.of(1996, 9, 30), null, LocalDate.of(1996, 9, 30)));
        assertThat(rows.countFor(id)).isEqualTo(1);
    }

    @Test
    void effectiveAfterKnownIsRefused() {
        refused("effectiveOn", () -> ledger.sign(signingWith(SIGNED, SIGNED.plusDays(10), SIGNED.plusDays(5))));
    }

    @Test
    void aSigningInEffectBeforeItWasSignedIsRefused() {
        refused("effectiveOn", () -> ledger.sign(signingWith(SIGNED, SIGNED.minusDays(1), SIGNED.plusDays(5))));
        refused("effectiveOn", () -> ledger.sign(signingWith(SIGNED, LocalDate.of(2024, 1, 1), SIGNED)));
        assertThatThrownBy(() -> ledger.sign(signingWith(SIGNED, LocalDate.of(2024, 1, 1), SIGNED)))
                .hasMessage("effectiveOn: 2024-01-01 is before signedOn 2025-01-02; a signing takes effect on or after the"
                        + " day it was signed");
        // on the signing day or later it is accepted
        assertThat(rows.countFor(ledger.sign(signingWith(SIGNED, SIGNED, SIGNED)))).isEqualTo(1);
        assertThat(rows.countFor(ledger.sign(signingWith(SIGNED, SIGNED.plusDays(3), SIGNED.plusDays(5))))).isEqualTo(1);
    }

    @Test
    void signedAfterKnownIsRefused() {
        refused("signedOn", () -> ledger.sign(signingWith(SIGNED, null, SIGNED.minusDays(1))));
    }

    @Test
    void knownAfterTheAppendIsRefused() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        refused("knownOn", () -> ledger.sign(signingWith(SIGNED, null, tomorrow)));
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
        assertThatThrownBy(() -> ledger.withdraw(withdrawal(never, SIGNED)))
                .isInstanceOf(AgreementNotFoundException.class)
                .hasMessageContaining("agreementId")
                .hasMessageContaining(never);
        assertThatThrownBy(() -> ledger.changeModel(modelChange(never, SupportModel.TFM, SIGNED, null)))
                .isInstanceOf(AgreementNotFoundException.class);
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void noWithdrawalBeforeTheSigning() {
        String id = ledger.sign(signing());
        refused("effectiveOn", () -> ledger.withdraw(withdrawal(id, SIGNED.minusDays(1))));
    }

    @Test
    void noWithdrawalOfAWithdrawnAgreement() {
        String id = ledger.sign(signing());
        ledger.withdraw(withdrawal(id, SIGNED.plusDays(30)));
        refused("agreementId", () -> ledger.withdraw(withdrawal(id, SIGNED.plusDays(40))));
        refused("agreementId", () -> ledger.changeModel(modelChange(id, SupportModel.WSO, SIGNED.plusDays(40), null)));
    }

    @Test
    void noChangeToTheModelItAlreadyHas() {
        String id = ledger.sign(signing());
        refused("to", () -> ledger.changeModel(modelChange(id, SupportModel.JEM, SIGNED.plusDays(5), null)));
    }

    @Test
    void aCorrectionMustStartFromTheRecordedValueAndChangeIt() {
        String id = ledger.sign(signing());
        refused("oldValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.county, "Lauderdale",
                "Franklin", null, null, PRESS, null)));
        refused("newValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.county, "Colbert",
                "Colbert", null, null, PRESS, null)));
        refused("newValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.signedOn,
                SIGNED.toString(), "2025-13-01", null, null, PRESS, null)));
        refused("newValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.signedOn,
                SIGNED.toString(), "1990-01-01", null, null, PRESS, null)));
    }

    @Test
    void aCorrectedAgencyNameMustMakeAnAgencyIdAsASigningsDoes() {
        SignAgreement signing = signing();
        String id = ledger.sign(signing);
        refused("newValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.agencyName,
                signing.agencyName(), "-- ' --", null, null, PRESS, null)));
        refused("newValue", () -> ledger.correct(new CorrectAgreement(id, CorrectableField.agencyName,
                signing.agencyName(), "x".repeat(201), null, null, PRESS, null)));
        ledger.correct(new CorrectAgreement(id, CorrectableField.agencyName, signing.agencyName(),
                "x".repeat(200), null, null, PRESS, null));
        assertThat(rows.countFor(id)).isEqualTo(2);
    }

    @Test
    void aSigningMustMatchItsContentDerivedId() {
        refused("agreementId", () -> new SignAgreement("AL-someone-else#JEM#2025-01-02", UsState.AL,
                "Colbert County Sheriff's Office", null, null, SupportModel.JEM, SIGNED, null, null, null, PRESS));
    }
}
