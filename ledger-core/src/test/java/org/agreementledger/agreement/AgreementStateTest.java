package org.agreementledger.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The agreement's rules as the pure functions they are ({@link AgreementState}): which event a
 * command appends, and which commands are refused, naming the field. The aggregate and the import's
 * batch path decide through them; AgreementFixtureTest and ledger-api's few end-to-end rule tests
 * check that they do.
 */
class AgreementStateTest {

    static final Source PRESS = Source.manual("Test Gazette", "https://example.org/287g");
    static final LocalDate SIGNED = LocalDate.of(2025, 1, 2);
    static final LocalDate KNOWN = LocalDate.of(2025, 1, 5);

    static SignAgreement signing(LocalDate signedOn, LocalDate effectiveOn, LocalDate knownOn) {
        return new SignAgreement(UsState.AL, "Colbert County Sheriff's Office", "Colbert", "County", SupportModel.JEM,
                signedOn, "link", effectiveOn, knownOn, PRESS);
    }

    static final SignAgreement SIGNING = signing(SIGNED, null, KNOWN);
    static final String ID = SIGNING.agreementId();

    private static AgreementState signed() {
        return AgreementState.signed(AgreementState.sign(SIGNING));
    }

    static void refused(String field, ThrowingCallable decision) {
        assertThatThrownBy(decision).isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith(field + ": ")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }

    private static WithdrawAgreement withdrawal(LocalDate on) {
        return new WithdrawAgreement(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, on, on, PRESS, null);
    }

    private static ChangeSupportModel modelChange(SupportModel to, LocalDate on) {
        return new ChangeSupportModel(ID, to, on, on, PRESS, null);
    }

    private static CorrectAgreement correction(CorrectableField field, String from, String to) {
        return new CorrectAgreement(ID, field, from, to, null, KNOWN.plusDays(1), PRESS, null);
    }

    @Test
    void aSigningBecomesItsEventInForceFromItsSigningDay() {
        AgreementSigned event = AgreementState.sign(SIGNING);
        assertThat(event).isEqualTo(new AgreementSigned(ID, "AL-colbert-county-sheriffs-office",
                "Colbert County Sheriff's Office", UsState.AL, "Colbert", "County", SupportModel.JEM, SIGNED, "link",
                SIGNED, KNOWN, PRESS, null));
        assertThat(AgreementState.signed(event).inForceFrom()).isEqualTo(SIGNED);
    }

    @Test
    void datesBeforeSection287gWasEnactedAreRefusedAndTheEnactmentDayIsAccepted() {
        refused("signedOn", () -> AgreementState.sign(signing(LocalDate.of(1996, 9, 29), null,
                LocalDate.of(2000, 1, 1))));
        LocalDate enacted = LocalDate.of(1996, 9, 30);
        assertThat(AgreementState.sign(signing(enacted, null, enacted)).signedOn()).isEqualTo(enacted);
        refused("knownOn", () -> AgreementState.sign(signing(SIGNED, null, LocalDate.of(1996, 9, 29))));
    }

    @Test
    void nothingIsInEffectOrSignedBeforeItIsKnown() {
        refused("effectiveOn", () -> AgreementState.sign(signing(SIGNED, SIGNED.plusDays(10), SIGNED.plusDays(5))));
        refused("signedOn", () -> AgreementState.sign(signing(SIGNED, null, SIGNED.minusDays(1))));
    }

    @Test
    void nothingIsKnownAfterTheDayOfTheAppend() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        refused("knownOn", () -> AgreementState.sign(signing(SIGNED, null, tomorrow)));
        assertThat(AgreementState.sign(signing(SIGNED, null, null)).knownOn())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void aSigningTakesEffectOnOrAfterTheDayItWasSigned() {
        refused("effectiveOn", () -> AgreementState.sign(signing(SIGNED, SIGNED.minusDays(1), SIGNED.plusDays(5))));
        assertThatThrownBy(() -> AgreementState.sign(signing(SIGNED, LocalDate.of(2024, 1, 1), SIGNED)))
                .hasMessage("effectiveOn: 2024-01-01 is before signedOn 2025-01-02; a signing takes effect on or after"
                        + " the day it was signed");
        assertThat(AgreementState.sign(signing(SIGNED, SIGNED, SIGNED)).effectiveOn()).isEqualTo(SIGNED);
        assertThat(AgreementState.sign(signing(SIGNED, SIGNED.plusDays(3), SIGNED.plusDays(5))).effectiveOn())
                .isEqualTo(SIGNED.plusDays(3));
    }

    @Test
    void noWithdrawalOrModelChangeBeforeItTookEffect() {
        refused("effectiveOn", () -> signed().decide(withdrawal(SIGNED.minusDays(1))));
        refused("effectiveOn", () -> signed().decide(modelChange(SupportModel.TFM, SIGNED.minusDays(1))));
    }

    @Test
    void aWithdrawnAgreementTakesNoWithdrawalAndNoModelChange() {
        AgreementWithdrawn withdrawn = signed().decide(withdrawal(SIGNED.plusDays(30)));
        AgreementState after = signed().after(withdrawn);
        assertThat(after.withdrawnOn()).isEqualTo(SIGNED.plusDays(30));
        refused("agreementId", () -> after.decide(withdrawal(SIGNED.plusDays(40))));
        refused("agreementId", () -> after.decide(modelChange(SupportModel.WSO, SIGNED.plusDays(40))));
    }

    @Test
    void noChangeToTheModelItAlreadyHas() {
        refused("to", () -> signed().decide(modelChange(SupportModel.JEM, SIGNED.plusDays(5))));
        SupportModelChanged changed = signed().decide(modelChange(SupportModel.TFM, SIGNED.plusDays(5)));
        assertThat(changed.from()).isEqualTo(SupportModel.JEM);
        assertThat(signed().after(changed).model()).isEqualTo(SupportModel.TFM);
    }

    @Test
    void onlyAWithdrawnAgreementIsReinstatedAndNotBeforeItsWithdrawal() {
        refused("agreementId", () -> signed().decide(new ReinstateAgreement(ID, SIGNED.plusDays(5),
                SIGNED.plusDays(5), PRESS, null)));
        AgreementState withdrawn = signed().after(signed().decide(withdrawal(SIGNED.plusDays(30))));
        refused("effectiveOn", () -> withdrawn.decide(new ReinstateAgreement(ID, SIGNED.plusDays(29),
                SIGNED.plusDays(40), PRESS, null)));
        AgreementReinstated reinstated = withdrawn.decide(new ReinstateAgreement(ID, SIGNED.plusDays(35),
                SIGNED.plusDays(40), PRESS, null));
        AgreementState back = withdrawn.after(reinstated);
        assertThat(back.withdrawnOn()).isNull();
        // nothing may be recorded as happening to it in the gap before it came back
        assertThat(back.inForceFrom()).isEqualTo(SIGNED.plusDays(35));
        refused("effectiveOn", () -> back.decide(withdrawal(SIGNED.plusDays(34))));
    }

    @Test
    void aCorrectionMustStartFromTheRecordedValueAndChangeIt() {
        refused("oldValue", () -> signed().decide(correction(CorrectableField.county, "Lauderdale", "Franklin")));
        refused("newValue", () -> signed().decide(correction(CorrectableField.county, "Colbert", "Colbert")));
        AgreementCorrected corrected = signed().decide(correction(CorrectableField.county, "Colbert", "Franklin"));
        assertThat(corrected.effectiveOn()).as("defaults to knownOn").isEqualTo(KNOWN.plusDays(1));
        assertThat(signed().after(corrected).facts().get(CorrectableField.county)).isEqualTo("Franklin");
    }

    @Test
    void aCorrectedSigningDateMustBeADateKnownByThenAndMovesTheStart() {
        refused("newValue", () -> correction(CorrectableField.signedOn, SIGNED.toString(), "2025-13-01"));
        refused("newValue", () -> signed().decide(correction(CorrectableField.signedOn, SIGNED.toString(),
                "1990-01-01")));
        refused("newValue", () -> signed().decide(correction(CorrectableField.signedOn, SIGNED.toString(),
                KNOWN.plusDays(2).toString())));
        AgreementState moved = signed().after(signed().decide(correction(CorrectableField.signedOn, SIGNED.toString(),
                "2025-01-04")));
        assertThat(moved.inForceFrom()).isEqualTo(LocalDate.of(2025, 1, 4));
        refused("effectiveOn", () -> moved.decide(withdrawal(LocalDate.of(2025, 1, 3))));
    }

    @Test
    void aCorrectedAgencyNameMustMakeAnAgencyIdAsASigningsDoes() {
        refused("newValue", () -> correction(CorrectableField.agencyName, SIGNING.agencyName(), "-- ' --"));
        refused("newValue", () -> correction(CorrectableField.agencyName, SIGNING.agencyName(), "x".repeat(201)));
        assertThat(signed().decide(correction(CorrectableField.agencyName, SIGNING.agencyName(), "x".repeat(200)))
                .newValue()).hasSize(200);
    }

    @Test
    void aSigningMustMatchItsContentDerivedId() {
        refused("agreementId", () -> new SignAgreement("AL-someone-else#JEM#2025-01-02", UsState.AL,
                "Colbert County Sheriff's Office", null, null, SupportModel.JEM, SIGNED, null, null, null, PRESS));
    }
}
