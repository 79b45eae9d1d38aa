package org.agreementledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.Tally;
import org.junit.jupiter.api.Test;

/**
 * A published "N states" counts states, not territories: the ledger's figure for the measure is its
 * count of states, and a territory's scope holds no state.
 */
class MeasureTest {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 26);

    /** Agreements in force in two states and one territory. */
    private final Counts counts = new Counts(DAY, DAY, 4, 3, 2, 1, Map.of(),
            Map.of("FL", new Tally(2, 1), "TX", new Tally(1, 1), "GU", new Tally(1, 1)), Map.of());

    @Test
    void statesNationwideAreTheCountOfStatesOnly() {
        assertThat(Measure.STATES.of(counts, PublishedFigure.NATION)).isEqualTo(counts.states());
        assertThat(Measure.AGENCIES.of(counts, PublishedFigure.NATION)).isEqualTo(counts.agencies());
    }

    @Test
    void aTerritoryIsNoStateAndAStateWithoutAgreementsCountsNone() {
        assertThat(Measure.STATES.of(counts, "FL")).isEqualTo(1);
        assertThat(Measure.STATES.of(counts, "GU")).isZero();
        assertThat(Measure.STATES.of(counts, "AK")).isZero();
        assertThat(Measure.AGREEMENTS.of(counts, "GU")).isEqualTo(1);
    }
}
