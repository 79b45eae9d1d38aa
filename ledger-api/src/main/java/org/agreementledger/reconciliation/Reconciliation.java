package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;
import org.springframework.stereotype.Service;

/**
 * Sets each published figure beside the ledger's count of the same measure, in the same scope, on the
 * same day (asOf = the figure's date), as known on {@code knownAt} (default today); beside what ICE's
 * list in force that day says; and beside the nearest list giving the claimed value, if any.
 */
@Service
public class Reconciliation {

    private final PublishedFigures figures;
    private final AgreementReports reports;
    private final RecordSpan span;
    private final PublishedLists lists;

    Reconciliation(PublishedFigures figures, AgreementReports reports, RecordSpan span, PublishedLists lists) {
        this.figures = figures;
        this.reports = reports;
        this.span = span;
        this.lists = lists;
    }

    public ReconciliationDocument reconcile(LocalDate knownAt) {
        LocalDate known = knownAt == null ? AgreementReports.today() : knownAt;
        var observed = span.asKnownOn(known);
        ListFigures published = new ListFigures(lists.asKnownOn(known), reports);
        Map<LocalDate, Counts> counts = new HashMap<>(); // several figures speak of one day: count it once
        List<ReconciliationLine> lines = new ArrayList<>();
        for (PublishedFigure figure : figures.all()) {
            if (observed.isEmpty() || !observed.get().covers(figure.date())) {
                lines.add(ReconciliationLine.noData(figure, known, observed));
                continue;
            }
            long ledger = figure.measure().of(counts.computeIfAbsent(figure.date(),
                    day -> reports.counts(day, known)), figure.scope());
            Long byPrintedName = figure.measure() != Measure.AGENCIES ? null : published.inForceOn(figure.date())
                    .map(list -> published.value(ListReading.AGENCIES_BY_PRINTED_NAME, list, figure.scope()))
                    .orElse(null);
            lines.add(ReconciliationLine.of(figure, ledger, byPrintedName,
                    published.publicationInForce(figure).orElse(null),
                    published.nearest(figure, ListReading.of(figure.measure())),
                    published.nearest(figure, ListReading.otherThan(figure.measure())), known));
        }
        return new ReconciliationDocument(known, observed.map(RecordSpan.Span::first).orElse(null),
                observed.map(RecordSpan.Span::last).orElse(null), lines);
    }
}
