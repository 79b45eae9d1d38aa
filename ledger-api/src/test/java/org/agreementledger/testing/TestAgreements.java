package org.agreementledger.testing;

import java.time.LocalDate;
import java.util.UUID;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.Source;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;

/** Commands for tests, each on an agency of its own so tests sharing a store never collide. */
public final class TestAgreements {

    public static final Source PRESS = new Source(org.agreementledger.api.SourceKind.PRESS, "Test Gazette",
            "https://example.org/287g", null, LocalDate.of(2025, 5, 20), null);

    private TestAgreements() {
    }

    public static String uniqueAgency(String prefix) {
        return prefix + " Sheriff's Office " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static SignAgreement signing(String agencyName, SupportModel model, LocalDate signedOn) {
        return new SignAgreement(UsState.AL, agencyName, "Colbert", "County", model, signedOn, "link", null,
                signedOn.plusDays(3), PRESS);
    }

    public static SignAgreement signing() {
        return signing(uniqueAgency("Test"), SupportModel.JEM, LocalDate.of(2025, 1, 2));
    }

    public static ChangeSupportModel modelChange(String agreementId, SupportModel to, LocalDate on, Long expected) {
        return new ChangeSupportModel(agreementId, to, on, on, PRESS, expected);
    }

    public static WithdrawAgreement withdrawal(String agreementId, LocalDate on) {
        return new WithdrawAgreement(agreementId, WithdrawalReason.WITHDRAWN_BY_AGENCY, on, on, PRESS, null);
    }
}
