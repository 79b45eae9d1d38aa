package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.junit.jupiter.api.Test;

/** The diff's identity rules, as a pure function: renamed agencies, renewed and re-dated agreements. */
class PublicationDiffIdentityTest {

    private static final LocalDate ON = LocalDate.of(2025, 8, 1);
    private static final Publication PUBLICATION = new Publication(PublicationKind.PARTICIPATING, ON, Edition.AM,
            "participatingAgencies08012025am.xlsx", "a".repeat(64), 1);

    private static SheetRow row(int sheetRow, UsState state, String name, SupportModel model, LocalDate signed) {
        return new SheetRow(sheetRow, state, name, "County", null, model,
                SignedDate.dated(signed.toString(), signed, SignedDateRule.ISO_DATE), "link", null, null, List.of());
    }

    private static LedgerAgreement held(UsState state, String name, SupportModel model, LocalDate signed) {
        String agencyId = AgencyId.of(state, name);
        return new LedgerAgreement(AgreementId.of(agencyId, model, signed), agencyId, name, null, "County", model,
                signed, null, true);
    }

    private static PublicationDiff.Plan plan(List<SheetRow> rows, LedgerAgreement... ledger) {
        return PublicationDiff.plan(PUBLICATION, rows, List.of(ledger), List.of());
    }

    @Test
    void aRenamedAgencyIsTheSameAgreementItsNameCorrected() {
        LedgerAgreement bocc = held(UsState.FL, "Gulf County BOCC", SupportModel.WSO, LocalDate.of(2025, 2, 26));
        PublicationDiff.Plan plan = plan(List.of(row(2, UsState.FL, "Gulf County Board of County Commissioners",
                SupportModel.WSO, LocalDate.of(2025, 2, 26))), bocc);
        assertThat(plan.commands()).singleElement().isInstanceOfSatisfying(CorrectAgreement.class, correction -> {
            assertThat(correction.agreementId()).isEqualTo(bocc.agreementId());
            assertThat(correction.field()).isEqualTo(CorrectableField.agencyName);
            assertThat(correction.newValue()).isEqualTo("Gulf County Board of County Commissioners");
        });
        assertThat(plan.matches()).singleElement().satisfies(note -> assertThat(note.note()).endsWith("rule ABBREVIATION"));

        // the next list prints the new name again: nothing to record
        // as the listing holds it: its agency follows the corrected name
        LedgerAgreement renamed = new LedgerAgreement(bocc.agreementId(),
                AgencyId.of(UsState.FL, "Gulf County Board of County Commissioners"),
                "Gulf County Board of County Commissioners", null, "County", SupportModel.WSO,
                LocalDate.of(2025, 2, 26), null, true);
        assertThat(plan(List.of(row(2, UsState.FL, "Gulf County Board of County Commissioners", SupportModel.WSO,
                LocalDate.of(2025, 2, 26))), renamed).commands()).isEmpty();
    }

    @Test
    void stateModelAndDateAloneAreNotIdentity() {
        LedgerAgreement pasco = held(UsState.FL, "Pasco County Sheriff's Office", SupportModel.TFM,
                LocalDate.of(2025, 2, 26));
        PublicationDiff.Plan plan = plan(List.of(row(2, UsState.FL, "Palm Bay Police Department", SupportModel.TFM,
                LocalDate.of(2025, 2, 26))), pasco);
        assertThat(plan.commands()).hasSize(2).anySatisfy(command -> assertThat(command).isInstanceOf(SignAgreement.class))
                .anySatisfy(command -> assertThat(command).isInstanceOfSatisfying(WithdrawAgreement.class,
                        withdrawal -> assertThat(withdrawal.reason()).isEqualTo(WithdrawalReason.REMOVED_FROM_ICE_LIST)));
        assertThat(plan.matches()).isEmpty();
    }

    @Test
    void aGarbledPlaceMatchesOnlyWhenItIsTheOnePairOfItsStateModelAndDate() {
        LocalDate signed = LocalDate.of(2019, 5, 6);
        LedgerAgreement walton = held(UsState.FL, "Walton County Sheriff's Office", SupportModel.WSO, signed);
        SheetRow garbled = row(2, UsState.FL, "Waria-labelon County Sheriff's Office", SupportModel.WSO, signed);
        assertThat(plan(List.of(garbled), walton).matches()).singleElement()
                .satisfies(note -> assertThat(note.note()).endsWith("rule GARBLED_PLACE"));

        List<SheetRow> two = new ArrayList<>(List.of(garbled,
                row(3, UsState.FL, "Wakulla County Sheriff's Office", SupportModel.WSO, signed)));
        assertThat(plan(two, walton).matches()).isEmpty();
    }

    @Test
    void aSigningDateMovedMonthsLaterIsARenewalAndAFewDaysACorrection() {
        LedgerAgreement knox = held(UsState.TN, "Knox County Sheriff's Office", SupportModel.JEM,
                LocalDate.of(2017, 6, 15));
        PublicationDiff.Plan renewal = plan(List.of(row(2, UsState.TN, "Knox County Sheriff's Office", SupportModel.JEM,
                LocalDate.of(2020, 6, 8))), knox);
        assertThat(renewal.commands()).hasSize(2);
        assertThat(renewal.commands().get(0)).isInstanceOfSatisfying(WithdrawAgreement.class, withdrawal -> {
            assertThat(withdrawal.agreementId()).isEqualTo(knox.agreementId());
            assertThat(withdrawal.reason()).isEqualTo(WithdrawalReason.SUPERSEDED_BY_RENEWAL);
            assertThat(withdrawal.effectiveOn()).isEqualTo(LocalDate.of(2020, 6, 8)); // no gap in force
            assertThat(withdrawal.knownOn()).isEqualTo(ON);
        });
        assertThat(renewal.commands().get(1)).isInstanceOfSatisfying(SignAgreement.class, signing ->
                assertThat(signing.effectiveOn()).isEqualTo(LocalDate.of(2020, 6, 8)));
        assertThat(renewal.matches()).singleElement().satisfies(note -> assertThat(note.note()).endsWith("rule RENEWAL"));

        PublicationDiff.Plan correction = plan(List.of(row(2, UsState.TN, "Knox County Sheriff's Office",
                SupportModel.JEM, LocalDate.of(2017, 6, 20))), knox);
        assertThat(correction.commands()).singleElement().isInstanceOfSatisfying(CorrectAgreement.class,
                corrected -> assertThat(corrected.field()).isEqualTo(CorrectableField.signedOn));
        assertThat(correction.matches()).singleElement()
                .satisfies(note -> assertThat(note.note()).endsWith("rule DATE_CORRECTION"));

        // earlier, however far, is a correction: a renewal cannot come before what it renews
        PublicationDiff.Plan earlier = plan(List.of(row(2, UsState.TN, "Knox County Sheriff's Office",
                SupportModel.JEM, LocalDate.of(2016, 1, 4))), knox);
        assertThat(earlier.commands()).singleElement().isInstanceOf(CorrectAgreement.class);
    }

    @Test
    void aValueTheListDoesNotPrintCorrectsNothing() {
        LedgerAgreement withCounty = new LedgerAgreement("OH-a#TFM#2025-04-01", "OH-a", "A", "Butler County", "County",
                SupportModel.TFM, LocalDate.of(2025, 4, 1), "https://ice.gov/moa.pdf", true);
        SheetRow noCounty = new SheetRow(2, UsState.OH, "A", null, null, SupportModel.TFM,
                SignedDate.dated("2025-04-01", LocalDate.of(2025, 4, 1), SignedDateRule.ISO_DATE), "link", null, null,
                List.of());
        assertThat(plan(List.of(noCounty), withCounty).commands()).isEmpty();
    }
}
