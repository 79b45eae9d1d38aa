package org.agreementledger.agreement;

import static org.agreementledger.agreement.AgreementStateTest.PRESS;

import java.time.LocalDate;
import org.agreementledger.api.AgreementRequestClosed;
import org.agreementledger.api.AgreementRequested;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.RequestAgreement;
import org.agreementledger.api.RequestClosure;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agency's request in Axon's test fixture: pending from its day until closed, once. */
class AgreementRequestFixtureTest {

    private static final LocalDate ASKED = LocalDate.of(2025, 4, 20);
    private static final LocalDate KNOWN = LocalDate.of(2025, 4, 21);
    private static final RequestAgreement REQUEST = new RequestAgreement(null, UsState.OH,
            "Zeta County Sheriff's Office", "Zeta", "County", SupportModel.JEM, ASKED, KNOWN, PRESS);
    private static final String ID = REQUEST.requestId();
    private static final AgreementRequested REQUESTED = new AgreementRequested(ID, "OH-zeta-county-sheriffs-office",
            "Zeta County Sheriff's Office", UsState.OH, "Zeta", "County", SupportModel.JEM, ASKED, KNOWN, PRESS);

    private FixtureConfiguration<AgreementRequest> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(AgreementRequest.class);
    }

    private static CloseAgreementRequest dropped(LocalDate on) {
        return new CloseAgreementRequest(ID, RequestClosure.REMOVED_FROM_PENDING_LIST, null, on, on, PRESS);
    }

    @Test
    void aRequestIsPendingFromItsDay() {
        fixture.givenNoPriorActivity().when(REQUEST).expectEvents(REQUESTED);
    }

    @Test
    void aRequestKnownBeforeItWasMadeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestAgreement(null, UsState.OH, "Zeta County Sheriff's Office", "Zeta", "County",
                        SupportModel.JEM, KNOWN, ASKED, PRESS))
                .expectException(InvalidFieldException.class).expectNoEvents();
    }

    @Test
    void aRequestClosesOnceAndNotBeforeItWasMade() {
        LocalDate on = LocalDate.of(2025, 6, 1);
        fixture.given(REQUESTED).when(dropped(on)).expectEvents(new AgreementRequestClosed(ID,
                RequestClosure.REMOVED_FROM_PENDING_LIST, null, on, on, PRESS));
        fixture.given(REQUESTED, new AgreementRequestClosed(ID, RequestClosure.REMOVED_FROM_PENDING_LIST, null, on,
                        on, PRESS))
                .when(dropped(on.plusDays(1)))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("requestId: request '" + ID + "' is already closed");
        fixture.given(REQUESTED).when(dropped(ASKED.minusDays(1)))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("effectiveOn: " + ASKED.minusDays(1) + " is before request '" + ID
                        + "' was made on " + ASKED)
                .expectNoEvents();
    }
}
