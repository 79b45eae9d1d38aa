package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.AgreementRequestId;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.RequestAgreement;
import org.agreementledger.api.RequestClosure;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

/**
 * A pending list against the requests open and the agreements in force, as the pure function it is:
 * a request for each agency and model newly listed, pending from the list's day; a closure for each
 * open request no longer listed, SIGNED when the agency now holds that model in force; a repeated
 * row listed once.
 */
class PendingDiffTest {

    private static final LocalDate ON = LocalDate.of(2025, 6, 2);
    private static final Publication PUBLICATION = new Publication(PublicationKind.PENDING, ON, Edition.AM,
            "pendingAgencies06022025am.xlsx", "b".repeat(64), 1);

    private static PendingRow row(int sheetRow, String name, SupportModel model) {
        return new PendingRow(sheetRow, UsState.OH, name, "County", "Butler", model, List.of());
    }

    private static OpenRequest open(String name, SupportModel model, LocalDate since) {
        String agencyId = AgencyId.of(UsState.OH, name);
        return new OpenRequest(AgreementRequestId.of(agencyId, model, since), agencyId, model);
    }

    private static LedgerAgreement inForce(String name, SupportModel model, LocalDate signed) {
        String agencyId = AgencyId.of(UsState.OH, name);
        return new LedgerAgreement(AgreementId.of(agencyId, model, signed), agencyId, name, "Butler", "County", model,
                signed, null, true);
    }

    @Test
    void aNewlyListedAgencyAndModelIsARequestPendingFromTheListsDay() {
        PendingDiff.Plan plan = PendingDiff.plan(PUBLICATION, List.of(row(2, "Alpha County Sheriff's Office",
                SupportModel.JEM)), List.of(), List.of());
        assertThat(plan.commands()).singleElement().isInstanceOfSatisfying(RequestAgreement.class, request -> {
            assertThat(request.requestId()).isEqualTo(AgreementRequestId.of("OH-alpha-county-sheriffs-office",
                    SupportModel.JEM, ON));
            assertThat(request.effectiveOn()).isEqualTo(ON);
            assertThat(request.knownOn()).isEqualTo(ON);
            assertThat(request.source().sheetRow()).isEqualTo(2);
        });
    }

    @Test
    void aRequestStillListedChangesNothingAndARepeatedRowIsListedOnce() {
        LocalDate since = ON.minusDays(14);
        PendingDiff.Plan plan = PendingDiff.plan(PUBLICATION, List.of(row(2, "Alpha County Sheriff's Office",
                        SupportModel.JEM), row(3, "Alpha County Sheriff’s Office", SupportModel.JEM)),
                List.of(open("Alpha County Sheriff's Office", SupportModel.JEM, since)), List.of());
        assertThat(plan.commands()).isEmpty();
        assertThat(plan.listed()).hasSize(1);
        assertThat(plan.duplicates()).singleElement().satisfies(note -> {
            assertThat(note.sheetRow()).isEqualTo(3);
            assertThat(note.note()).startsWith("repeats row 2");
        });
    }

    @Test
    void anOpenRequestNoLongerListedClosesSignedOrDropped() {
        LocalDate since = ON.minusDays(14);
        OpenRequest signed = open("Beta County Sheriff's Office", SupportModel.TFM, since);
        OpenRequest dropped = open("Gamma Police Department", SupportModel.WSO, since);
        LedgerAgreement agreement = inForce("Beta County Sheriff's Office", SupportModel.TFM, ON.minusDays(3));
        PendingDiff.Plan plan = PendingDiff.plan(PUBLICATION, List.of(), List.of(signed, dropped),
                List.of(agreement, inForce("Gamma Police Department", SupportModel.JEM, ON.minusDays(3))));
        assertThat(plan.commands()).containsExactlyInAnyOrder(
                new CloseAgreementRequest(signed.requestId(), RequestClosure.SIGNED, agreement.agreementId(), ON, ON,
                        PUBLICATION.source()),
                new CloseAgreementRequest(dropped.requestId(), RequestClosure.REMOVED_FROM_PENDING_LIST, null, ON, ON,
                        PUBLICATION.source()));
    }
}
