package org.agreementledger.reporting;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ICE corrects an agency's misspelt name ("Mantiowoc" to "Manitowoc"), known from day K, and a second
 * agreement was signed under the corrected name before K. As known before K they are two agencies; as
 * known from K on one, over all valid time (also on days before K). The SQL statement, the in-memory
 * snapshot and the test oracle's fold of the stored events must say so alike, for counts and timelines.
 * The store is shared with other tests: each figure is checked as a change from before the appends,
 * and the three ways of counting against each other over the whole store.
 */
class AgencyRenameReportsTest extends LedgerIntegrationTest {

    private static final UsState STATE = UsState.WI;
    private static final LocalDate RENAME_KNOWN = LocalDate.of(2019, 6, 1);
    private static final LocalDate BEFORE_RENAME_KNOWN = RENAME_KNOWN.minusDays(1);
    /** After the second signing took effect. */
    private static final LocalDate BOTH_IN_FORCE = LocalDate.of(2019, 4, 1);
    /** Before the second signing took effect: only the renamed agreement is in force. */
    private static final LocalDate ONLY_THE_RENAMED = LocalDate.of(2019, 2, 1);

    @Autowired
    AgreementLedger ledger;
    @Autowired
    AgreementReports reports;
    @Autowired
    ReportProcessor processor;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aRenamedAgreementCountsWithTheAgencyOfItsNewNameFromTheDayTheRenameIsKnown() {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        LocalDate today = AgreementReports.today();
        Map<String, LocalDate[]> points = new LinkedHashMap<>();
        points.put("both in force, as known before the rename", new LocalDate[] {BOTH_IN_FORCE, BEFORE_RENAME_KNOWN});
        points.put("both in force, as known from the rename", new LocalDate[] {BOTH_IN_FORCE, RENAME_KNOWN});
        points.put("both in force, as known today", new LocalDate[] {BOTH_IN_FORCE, today});
        points.put("one in force, as known before the rename", new LocalDate[] {ONLY_THE_RENAMED, BEFORE_RENAME_KNOWN});
        points.put("one in force, as known today", new LocalDate[] {ONLY_THE_RENAMED, today});
        Map<String, Counts> before = new LinkedHashMap<>();
        points.forEach((name, point) -> before.put(name, reports.countsFromSql(point[0], point[1])));

        String suffix = uniqueAgency("");
        String misspelt = "Mantiowoc County" + suffix;
        String corrected = "Manitowoc County" + suffix;
        String renamed = ledger.sign(new SignAgreement(STATE, misspelt, "Manitowoc", "County", SupportModel.JEM,
                LocalDate.of(2019, 1, 2), null, null, LocalDate.of(2019, 1, 5), PRESS));
        String second = ledger.sign(new SignAgreement(STATE, corrected, "Manitowoc", "County", SupportModel.TFM,
                LocalDate.of(2019, 3, 1), null, null, LocalDate.of(2019, 3, 4), PRESS));
        ledger.amend(new CorrectAgreement(renamed, CorrectableField.agencyName, misspelt, corrected, null,
                RENAME_KNOWN, PRESS, null));
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        String oldAgency = AgencyId.of(STATE, misspelt);
        String newAgency = AgencyId.of(STATE, corrected);
        assertThat(renamed).as("the agreement keeps the id it was signed under").startsWith(oldAgency + "#");

        // the figures the rename must move, each against the same point before the appends
        assertAdded(before, "both in force, as known before the rename", 2, 2);
        assertAdded(before, "both in force, as known from the rename", 2, 1);
        assertAdded(before, "both in force, as known today", 2, 1);
        assertAdded(before, "one in force, as known before the rename", 1, 1);
        assertAdded(before, "one in force, as known today", 1, 1);
        assertThat(agencyOf(renamed, BOTH_IN_FORCE, BEFORE_RENAME_KNOWN)).isEqualTo(oldAgency);
        assertThat(agencyOf(renamed, BOTH_IN_FORCE, RENAME_KNOWN)).isEqualTo(newAgency);
        assertThat(agencyOf(renamed, ONLY_THE_RENAMED, today)).as("a past day as known today").isEqualTo(newAgency);
        assertThat(agencyOf(second, BOTH_IN_FORCE, BEFORE_RENAME_KNOWN)).isEqualTo(newAgency);

        // SQL, the snapshot and the oracle alike, over the whole store
        CountsOracle oracle = new CountsOracle(new StoredEvents(jdbc, json).agreementEvents());
        InForceIndex index = reports.loadIndex();
        assertThat(index.revision()).as("the snapshot is of the tables as they are").isEqualTo(reports.revision());
        points.forEach((name, point) -> {
            Counts expected = oracle.counts(point[0], point[1]);
            assertThat(reports.countsFromSql(point[0], point[1])).as("SQL, %s", name).isEqualTo(expected);
            assertThat(index.counts(point[0], point[1])).as("snapshot, %s", name).isEqualTo(expected);
        });
        for (LocalDate knownAt : List.of(BEFORE_RENAME_KNOWN, RENAME_KNOWN, today)) {
            List<TimelinePoint> fromSql = reports.timelineFromSql(LocalDate.of(2018, 12, 30), LocalDate.of(2019, 7, 1),
                    Step.week, knownAt).points();
            assertThat(index.timeline(fromSql.stream().map(TimelinePoint::date).toList(), knownAt))
                    .as("snapshot timeline as known on %s", knownAt).isEqualTo(fromSql);
            for (TimelinePoint point : fromSql) {
                Counts expected = oracle.counts(point.date(), knownAt);
                assertThat(point).as("SQL timeline as known on %s", knownAt).isEqualTo(new TimelinePoint(point.date(),
                        expected.agreements(), expected.agencies(), expected.states(), expected.territories()));
            }
        }
    }

    /** Agreements and agencies added at a point, in all, in the state, by model and by agency type. */
    private void assertAdded(Map<String, Counts> before, String point, long agreements, long agencies) {
        Counts was = before.get(point);
        Counts now = reports.countsFromSql(was.asOf(), was.knownAt());
        assertThat(now.agreements() - was.agreements()).as("agreements added, %s", point).isEqualTo(agreements);
        assertThat(now.agencies() - was.agencies()).as("agencies added, %s", point).isEqualTo(agencies);
        Tally stateWas = was.byState().getOrDefault(STATE.name(), Tally.NONE);
        Tally stateNow = now.byState().getOrDefault(STATE.name(), Tally.NONE);
        assertThat(stateNow.agencies() - stateWas.agencies()).as("agencies added in %s, %s", STATE, point)
                .isEqualTo(agencies);
        Tally typeWas = was.byAgencyType().getOrDefault("County", Tally.NONE);
        Tally typeNow = now.byAgencyType().getOrDefault("County", Tally.NONE);
        assertThat(typeNow.agencies() - typeWas.agencies()).as("County agencies added, %s", point).isEqualTo(agencies);
        // one agreement per model: each model gains an agency wherever its agreement is in force
        long modelAgencies = 0;
        for (SupportModel model : SupportModel.values()) {
            modelAgencies += now.byModel().get(model).agencies() - was.byModel().get(model).agencies();
        }
        assertThat(modelAgencies).as("agencies added over the models, %s", point).isEqualTo(agreements);
    }

    private String agencyOf(String agreementId, LocalDate asOf, LocalDate knownAt) {
        return reports.agreementsInForce(asOf, knownAt, STATE, null, 0, AgreementReports.MAX_PAGE_SIZE).agreements()
                .stream().filter(agreement -> agreement.agreementId().equals(agreementId))
                .map(InForceAgreement::agencyId).findFirst().orElseThrow();
    }
}
