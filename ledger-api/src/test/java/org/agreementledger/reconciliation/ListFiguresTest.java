package org.agreementledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The nearest list giving a claim, among lists whose national figures their import reports hold (the
 * readings that need the ledger's counts are covered on the real archive, RealArchiveReconciliationTest).
 */
class ListFiguresTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 19);
    private static final PublishedFigure.Source SOURCE = new PublishedFigure.Source("Gazette", "A figure", null, null);

    private static PublishedList list(LocalDate day, long agreements, long agencies) {
        return new PublishedList("list-" + day, "list-" + day + ".xlsx", day, agreements, agencies);
    }

    private static ListFigures lists(PublishedList... lists) {
        TreeMap<LocalDate, PublishedList> byDay = new TreeMap<>();
        for (PublishedList list : lists) {
            byDay.put(list.publishedOn(), list);
        }
        return new ListFigures(byDay, null); // no reading below asks the ledger's counts
    }

    private static PublishedFigure claim(long value) {
        return new PublishedFigure("test", Measure.AGREEMENTS, PublishedFigure.NATION, DAY, value, SOURCE, null);
    }

    @Test
    void ofTwoListsAsNearTheEarlierOneIsNamed() {
        ListFigures figures = lists(list(DAY.minusDays(3), 150, 140), list(DAY.plusDays(3), 150, 141),
                list(DAY, 149, 140));

        ListMatch match = figures.nearest(claim(150), List.of(ListReading.AGREEMENTS));

        assertThat(match.publishedOn()).isEqualTo(DAY.minusDays(3));
        assertThat(match.daysFromClaim()).isEqualTo(-3);
        assertThat(match.fileName()).isEqualTo("list-" + DAY.minusDays(3) + ".xlsx");
    }

    @Test
    void aNearerLaterListWinsOverAFartherEarlierOneAndTheReadingIsSaid() {
        ListFigures figures = lists(list(DAY.minusDays(30), 150, 140), list(DAY.plusDays(2), 151, 150));

        ListMatch match = figures.nearest(claim(150),
                List.of(ListReading.AGREEMENTS, ListReading.AGENCIES_BY_PRINTED_NAME));

        assertThat(match.publishedOn()).isEqualTo(DAY.plusDays(2));
        assertThat(match.reading()).isEqualTo(ListReading.AGENCIES_BY_PRINTED_NAME);
        assertThat(match.value()).isEqualTo(150);
    }

    @Test
    void noListGivingTheValueIsNoMatchAndTheListInForceIsTheLastOnOrBeforeTheDay() {
        ListFigures figures = lists(list(DAY.minusDays(10), 140, 130), list(DAY.plusDays(1), 145, 135));

        assertThat(figures.nearest(claim(150), List.of(ListReading.AGREEMENTS))).isNull();
        assertThat(figures.inForceOn(DAY)).map(PublishedList::publishedOn).contains(DAY.minusDays(10));
        assertThat(figures.inForceOn(DAY.minusDays(11))).isEmpty();
        assertThat(figures.value(ListReading.AGENCIES_BY_PRINTED_NAME, list(DAY, 1, 2), "FL")).isNull();
    }
}
