package org.agreementledger.agreement;

import static org.agreementledger.agreement.AgreementStateTest.ID;
import static org.agreementledger.agreement.AgreementStateTest.PRESS;
import static org.agreementledger.agreement.AgreementStateTest.SIGNED;
import static org.agreementledger.agreement.AgreementStateTest.SIGNING;

import java.time.LocalDate;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Agreement aggregate in Axon's test fixture: each command handler hands the command to the
 * rules and applies what they decide, and the aggregate is rebuilt from its events before it
 * decides (its event-sourcing handlers fold them as {@link AgreementState} does).
 */
class AgreementFixtureTest {

    private FixtureConfiguration<Agreement> fixture;
    private AgreementSigned signed;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Agreement.class);
        signed = AgreementState.sign(SIGNING);
    }

    private static WithdrawAgreement withdrawal(LocalDate on) {
        return new WithdrawAgreement(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, on, on, PRESS, null);
    }

    @Test
    void aSigningCreatesTheAgreement() {
        fixture.givenNoPriorActivity().when(SIGNING).expectSuccessfulHandlerExecution().expectEvents(signed);
    }

    @Test
    void aWithdrawalAfterTheSigningIsAppended() {
        LocalDate on = SIGNED.plusDays(30);
        fixture.given(signed).when(withdrawal(on)).expectEvents(new AgreementWithdrawn(ID,
                WithdrawalReason.WITHDRAWN_BY_AGENCY, on, on, PRESS));
    }

    @Test
    void aWithdrawnAgreementRefusesASecondWithdrawalNamingTheField() {
        LocalDate on = SIGNED.plusDays(30);
        fixture.given(signed, new AgreementWithdrawn(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, on, on, PRESS))
                .when(withdrawal(on.plusDays(10)))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("agreementId: agreement '" + ID + "' was withdrawn on " + on)
                .expectNoEvents();
    }

    @Test
    void aReinstatedAgreementCanBeWithdrawnAgain() {
        LocalDate out = SIGNED.plusDays(30);
        LocalDate back = SIGNED.plusDays(40);
        fixture.given(signed, new AgreementWithdrawn(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, out, out, PRESS),
                        new AgreementReinstated(ID, back, back, PRESS))
                .when(withdrawal(back.plusDays(1)))
                .expectEvents(new AgreementWithdrawn(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, back.plusDays(1),
                        back.plusDays(1), PRESS));
        fixture.given(signed, new AgreementWithdrawn(ID, WithdrawalReason.WITHDRAWN_BY_AGENCY, out, out, PRESS))
                .when(new ReinstateAgreement(ID, back, back, PRESS, null))
                .expectEvents(new AgreementReinstated(ID, back, back, PRESS));
    }

    @Test
    void theAggregateFoldsACorrectedSigningDateBeforeDeciding() {
        LocalDate later = SIGNED.plusDays(2);
        AgreementCorrected corrected = new AgreementCorrected(ID, CorrectableField.signedOn, SIGNED.toString(),
                later.toString(), later, later, PRESS);
        fixture.given(signed, corrected).when(withdrawal(SIGNED.plusDays(1)))
                .expectException(InvalidFieldException.class).expectNoEvents();
        fixture.given(signed, corrected)
                .when(new CorrectAgreement(ID, CorrectableField.signedOn, SIGNED.toString(), "2025-01-03", null,
                        later, PRESS, null))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("oldValue: '2025-01-02' is not the recorded signedOn of '" + ID
                        + "', which is '2025-01-04'");
    }
}
