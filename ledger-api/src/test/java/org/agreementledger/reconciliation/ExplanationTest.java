package org.agreementledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The explanation is made from a line's fields: what the list in force says, why the ledger's count of
 * the day differs from it, and which list, read which way, gives the claimed value.
 */
class ExplanationTest {

    private static final LocalDate DAY = LocalDate.of(2021, 1, 20);
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final PublishedFigure.Source SOURCE = new PublishedFigure.Source("Gazette", "A figure", null, null);

    private static PublishedFigure claim(Measure measure, String scope, long value) {
        return new PublishedFigure("test", measure, scope, DAY, value, SOURCE, null);
    }

    private static PublicationInForce list(LocalDate day, long agreements, long agencies, long states, long territories,
                                           long value) {
        return new PublicationInForce("list-" + day, "list-" + day + ".xlsx", day, agreements, agencies, states,
                territories, value);
    }

    private static ListMatch match(LocalDate day, ListReading reading, long value) {
        return new ListMatch("list-" + day, "list-" + day + ".xlsx", day, reading, value,
                java.time.temporal.ChronoUnit.DAYS.between(DAY, day));
    }

    @Test
    void agreementsTakenForAgenciesAreNamedWhenNoListGivesTheAgencies() {
        PublicationInForce inForce = list(DAY.minusDays(4), 1_148, 1_145, 26, 0, 1_145);
        String text = Explanation.of(claim(Measure.AGENCIES, "nation", 1_150), 1_145, inForce, null,
                match(DAY.minusDays(7), ListReading.AGREEMENTS, 1_150), TODAY);

        assertThat(text).isEqualTo("ICE's list of 2021-01-16, in force on 2021-01-20, prints 1,148 agreements of"
                + " 1,145 agencies; 1,150 matches the agreements on ICE's list of 2021-01-13 (7 days earlier):"
                + " agreements taken for agencies; no list the ledger applied gives 1,150 agencies.");
    }

    @Test
    void theOtherMeasureIsLeftOutWhenTheClaimsOwnMeasureMatchesNearer() {
        PublicationInForce inForce = list(DAY, 140, 133, 21, 0, 133);
        String text = Explanation.of(claim(Measure.AGENCIES, "nation", 135), 134, inForce,
                match(DAY.plusDays(1), ListReading.AGENCIES_BY_PRINTED_NAME, 135),
                match(DAY.minusDays(30), ListReading.AGREEMENTS, 135), TODAY);

        assertThat(text).contains("ICE's list of 2021-01-20 prints 140 agreements of 133 agencies")
                .contains("as known on 2026-03-01 the ledger counts 134 agencies on 2021-01-20: what it learnt after"
                        + " 2021-01-20 changed what is known of that day")
                .contains("135 matches the agencies by printed name on ICE's list of 2021-01-21 (1 day later)")
                .doesNotContain("taken for");
    }

    @Test
    void aMatchOnTheListInForceSaysSo() {
        PublicationInForce inForce = list(DAY.minusDays(2), 140, 135, 21, 0, 134);
        String text = Explanation.of(claim(Measure.AGENCIES, "nation", 135), 134, inForce,
                match(DAY.minusDays(2), ListReading.AGENCIES_BY_PRINTED_NAME, 135), null, TODAY);

        assertThat(text).endsWith("; 135 matches the agencies by printed name on that list.");
    }

    @Test
    void statesMatchingWithTerritoriesBesideThemSayTheTerritoriesAreApart() {
        PublicationInForce inForce = list(DAY, 1_372, 1_149, 39, 2, 39);
        String text = Explanation.of(claim(Measure.STATES, "nation", 39), 39, inForce,
                match(DAY, ListReading.STATES, 39), null, TODAY);

        assertThat(text).isEqualTo("ICE's list of 2021-01-20 lists agreements in 39 states and 2 territories; 39 is"
                + " the ledger's count and the list's (territories are not counted as states).");
    }

    @Test
    void aStatesShareIsTheListsCountInIt() {
        PublicationInForce inForce = list(DAY, 1_372, 1_149, 39, 2, 49);
        String text = Explanation.of(claim(Measure.AGREEMENTS, "AL", 52), 49, inForce,
                match(DAY.plusDays(22), ListReading.AGREEMENTS, 52), null, TODAY);

        assertThat(text).isEqualTo("ICE's list of 2021-01-20 lists 49 agreements in AL; 52 matches the agreements in"
                + " AL on ICE's list of 2021-02-11 (22 days later).");
    }

    @Test
    void withoutAListOrOutsideTheRecordTheExplanationSaysSo() {
        assertThat(Explanation.of(claim(Measure.AGREEMENTS, "nation", 10), 10, null, null, null, TODAY))
                .isEqualTo("No list of ICE's the ledger applied was in force on 2021-01-20; 10 is the ledger's count;"
                        + " no list the ledger applied gives 10 agreements.");
        assertThat(Explanation.noData(claim(Measure.AGREEMENTS, "nation", 10), TODAY, Optional.of(
                new RecordSpan.Span(LocalDate.of(2025, 5, 16), LocalDate.of(2025, 6, 6)))))
                .isEqualTo("2021-01-20 lies outside the days the ledger observed as known on 2026-03-01 (2025-05-16 to"
                        + " 2025-06-06): a count there would only echo the nearest list.");
        assertThat(Explanation.noData(claim(Measure.AGREEMENTS, "nation", 10), TODAY, Optional.empty()))
                .isEqualTo("The ledger holds nothing known by 2026-03-01.");
    }
}
