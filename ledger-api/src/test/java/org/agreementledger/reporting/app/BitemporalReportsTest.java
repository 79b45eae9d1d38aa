package org.agreementledger.reporting.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.GroupBy;
import org.agreementledger.reporting.InForceAgreement;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.Step;
import org.agreementledger.reporting.Tally;
import org.agreementledger.reporting.Timeline;
import org.agreementledger.reporting.TimelinePoint;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The decided semantics, one at a time, through the real store and the real processor. The store
 * is shared with other tests, so each test looks at its own agreement, or at how counts moved.
 */
class BitemporalReportsTest extends LedgerIntegrationTest {

    private static final UsState STATE = UsState.WY;
    private static final LocalDate SIGNED = LocalDate.of(2025, 1, 2);
    private static final LocalDate TODAY = null; // knownAt left out: everything the ledger holds

    @Autowired
    AgreementLedger ledger;
    @Autowired
    CommandGateway commands;
    @Autowired
    AgreementReports reports;
    @Autowired
    ReportProcessor processor;

    private String sign(SupportModel model, String agencyType, LocalDate knownOn) {
        return ledger.sign(new SignAgreement(STATE, uniqueAgency("Bitemporal"), "Laramie", agencyType, model, SIGNED,
                null, null, knownOn, PRESS));
    }

    private Optional<InForceAgreement> inForce(String agreementId, LocalDate asOf, LocalDate knownAt) {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        return reports.agreementsInForce(asOf, knownAt, STATE, null, 0, AgreementReports.MAX_PAGE_SIZE).agreements()
                .stream().filter(agreement -> agreement.agreementId().equals(agreementId)).findFirst();
    }

    @Test
    void aBackDatedWithdrawalChangesTheValidTimeViewButNotWhatWasKnownBefore() {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        LocalDate april = LocalDate.of(2025, 4, 1);
        LocalDate beforeNews = LocalDate.of(2025, 5, 31);
        Counts todayBefore = reports.counts(april, TODAY);
        Counts mayBefore = reports.counts(april, beforeNews);

        String id = sign(SupportModel.JEM, "County", LocalDate.of(2025, 1, 5));
        // withdrawn on March 1, but the public learned it only on June 1
        ledger.amend(new WithdrawAgreement(id, WithdrawalReason.WITHDRAWN_BY_AGENCY, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 6, 1), PRESS, null));

        assertThat(inForce(id, april, TODAY)).as("April, as we know it today").isEmpty();
        assertThat(inForce(id, april, beforeNews)).as("April, as the record stood on May 31").isPresent();
        assertThat(inForce(id, LocalDate.of(2025, 2, 28), TODAY)).as("the day before the withdrawal").isPresent();
        assertThat(inForce(id, LocalDate.of(2025, 3, 1), TODAY)).as("the day of the withdrawal").isEmpty();
        assertThat(reports.counts(april, TODAY).agreements()).isEqualTo(todayBefore.agreements());
        assertThat(reports.counts(april, beforeNews).agreements()).isEqualTo(mayBefore.agreements() + 1);
        assertThat(reports.counts(april, beforeNews).byState().get(STATE.name()).agreements())
                .isEqualTo(tallyOf(mayBefore, STATE).agreements() + 1);
    }

    @Test
    void nothingIsInForceBeforeItsSigningIsKnown() {
        String id = sign(SupportModel.JEM, "County", LocalDate.of(2025, 2, 1));
        assertThat(inForce(id, LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 31))).isEmpty();
        assertThat(inForce(id, LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 1))).isPresent();
        assertThat(inForce(id, SIGNED.minusDays(1), TODAY)).as("the day before the signing").isEmpty();
        assertThat(inForce(id, SIGNED, TODAY)).as("the day of the signing").isPresent();
    }

    @Test
    void aModelChangeOnADayEndsOneVersionAndStartsTheNextThatDay() {
        String id = sign(SupportModel.TFM, "County", SIGNED);
        LocalDate changed = LocalDate.of(2025, 2, 10);
        ledger.amend(new ChangeSupportModel(id, SupportModel.WSO, changed, changed, PRESS, null));

        assertThat(inForce(id, changed.minusDays(1), TODAY)).get()
                .satisfies(version -> assertThat(version.model()).isEqualTo(SupportModel.TFM))
                .satisfies(version -> assertThat(version.validTo()).isEqualTo(changed));
        assertThat(inForce(id, changed, TODAY)).get()
                .satisfies(version -> assertThat(version.model()).isEqualTo(SupportModel.WSO))
                .satisfies(version -> assertThat(version.validFrom()).isEqualTo(changed))
                .satisfies(version -> assertThat(version.validTo()).isNull());
        assertThat(inForce(id, changed, changed.minusDays(1))).as("before the change was known").get()
                .satisfies(version -> assertThat(version.model()).isEqualTo(SupportModel.TFM));
    }

    @Test
    void aSignedOnCorrectionMovesTheStartForAllValidTimeOnceKnown() {
        String id = sign(SupportModel.JEM, "County", LocalDate.of(2025, 1, 5));
        LocalDate corrected = LocalDate.of(2025, 3, 1);
        ledger.amend(new CorrectAgreement(id, CorrectableField.signedOn, SIGNED.toString(), corrected.toString(),
                null, LocalDate.of(2025, 4, 1), PRESS, null));
        LocalDate february = LocalDate.of(2025, 2, 1);

        assertThat(inForce(id, february, LocalDate.of(2025, 3, 31))).as("before the correction was known")
                .isPresent();
        assertThat(inForce(id, february, TODAY)).as("after").isEmpty();
        assertThat(inForce(id, corrected, TODAY)).get()
                .satisfies(version -> assertThat(version.signedOn()).isEqualTo(corrected));
    }

    @Test
    void anAgencyTypeCorrectionReachesBackOverAllValidTime() {
        String before = "Sheriff " + UUID.randomUUID();
        String after = "County " + UUID.randomUUID();
        String id = sign(SupportModel.JEM, before, SIGNED);
        ledger.amend(new CorrectAgreement(id, CorrectableField.agencyType, before, after, null,
                LocalDate.of(2025, 6, 1), PRESS, null));
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        LocalDate february = LocalDate.of(2025, 2, 1);

        assertThat(reports.counts(february, TODAY).byAgencyType()).containsEntry(after, new Tally(1, 1))
                .doesNotContainKey(before);
        assertThat(reports.counts(february, LocalDate.of(2025, 5, 31)).byAgencyType())
                .containsEntry(before, new Tally(1, 1)).doesNotContainKey(after);
        assertThat(reports.counts(february, TODAY).groups(GroupBy.agencyType)).containsKey(after);
    }

    @Test
    void aReinstatedAgreementIsOutOfForceOnlyInTheGap() {
        String id = sign(SupportModel.JEM, "County", SIGNED);
        LocalDate withdrawn = LocalDate.of(2025, 3, 1);
        LocalDate back = LocalDate.of(2025, 5, 1);
        ledger.amend(new WithdrawAgreement(id, WithdrawalReason.REMOVED_FROM_ICE_LIST, withdrawn, withdrawn, PRESS,
                null));
        commands.sendAndWait(new ReinstateAgreement(id, back, back, PRESS, null));

        assertThat(inForce(id, withdrawn.minusDays(1), TODAY)).isPresent();
        assertThat(inForce(id, withdrawn, TODAY)).isEmpty();
        assertThat(inForce(id, back.minusDays(1), TODAY)).isEmpty();
        assertThat(inForce(id, back, TODAY)).isPresent();
        assertThat(inForce(id, back, back.minusDays(1))).as("before the reinstatement was known").isEmpty();
    }

    @Test
    void aTimelineCountsAtEveryStep() {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        LocalDate from = LocalDate.of(2024, 1, 31);
        LocalDate to = LocalDate.of(2024, 5, 31);
        List<TimelinePoint> before = reports.timeline(from, to, Step.month, null).points();

        SignAgreement signing = new SignAgreement(STATE, uniqueAgency("Timeline"), null, null, SupportModel.WSO,
                LocalDate.of(2024, 2, 15), null, null, LocalDate.of(2024, 2, 20), PRESS);
        String id = ledger.sign(signing);
        ledger.amend(new WithdrawAgreement(id, WithdrawalReason.TERMINATED_BY_ICE, LocalDate.of(2024, 4, 30),
                LocalDate.of(2024, 5, 2), PRESS, null));
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        Timeline timeline = reports.timeline(from, to, Step.month, null);

        // month ends do not drift: each point is counted from the first, as in Jan 31 + 2 months = Mar 31
        assertThat(timeline.points()).extracting(TimelinePoint::date).containsExactly(from,
                LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 30), to);
        List<Long> added = new java.util.ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            added.add(timeline.points().get(i).agreements() - before.get(i).agreements());
        }
        assertThat(added).containsExactly(0L, 1L, 1L, 0L, 0L);
    }

    private static Tally tallyOf(Counts counts, UsState state) {
        return counts.byState().getOrDefault(state.name(), Tally.NONE);
    }
}
