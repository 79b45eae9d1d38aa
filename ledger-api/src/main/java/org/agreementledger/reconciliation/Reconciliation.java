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
 * same day (asOf = the figure's date), as known on {@code knownAt} (default today).
 */
@Service
public class Reconciliation {

    private final PublishedFigures figures;
    private final AgreementReports reports;
    private final RecordSpan span;

    Reconciliation(PublishedFigures figures, AgreementReports reports, RecordSpan span) {
        this.figures = figures;
        this.reports = reports;
        this.span = span;
    }

    public ReconciliationDocument reconcile(LocalDate knownAt) {
        LocalDate known = knownAt == null ? AgreementReports.today() : knownAt;
        var observed = span.asKnownOn(known);
        Map<LocalDate, Counts> counts = new HashMap<>(); // several figures speak of one day: count it once
        List<ReconciliationLine> lines = new ArrayList<>();
        for (PublishedFigure figure : figures.all()) {
            if (observed.isEmpty() || !observed.get().covers(figure.date())) {
                lines.add(new ReconciliationLine(figure, null, null, Verdict.NO_DATA));
                continue;
            }
            long ledger = figure.measure().of(counts.computeIfAbsent(figure.date(),
                    day -> reports.counts(day, known)), figure.scope());
            long difference = figure.value() - ledger;
            lines.add(new ReconciliationLine(figure, ledger, difference,
                    difference == 0 ? Verdict.MATCHES : Verdict.DIFFERS));
        }
        return new ReconciliationDocument(known, observed.map(RecordSpan.Span::first).orElse(null),
                observed.map(RecordSpan.Span::last).orElse(null), lines);
    }
}
