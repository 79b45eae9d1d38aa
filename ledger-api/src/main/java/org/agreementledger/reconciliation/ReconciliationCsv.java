package org.agreementledger.reconciliation;

import org.agreementledger.web.CsvCells;

/**
 * The reconciliation as CSV, for the HTTP API and {@code bin/ledger reconcile --format csv}: a record a
 * claim, the list in force and the matching lists flattened into columns of their own. On a ledger
 * holding synthetic data the first line is a {@code #} comment saying so, before the header.
 */
public final class ReconciliationCsv {

    private ReconciliationCsv() {
    }

    public static String of(ReconciliationDocument document, String notice) {
        StringBuilder csv = new StringBuilder();
        if (notice != null) {
            csv.append("# ").append(notice).append("\r\n");
        }
        CsvCells.write(csv, "id", "measure", "scope", "date", "claimed", "ledger", "ledger_by_printed_name",
                "difference", "verdict", "list_in_force_on", "list_in_force_file", "list_in_force_value",
                "nearest_match_on", "nearest_match_file", "nearest_match_reading", "nearest_match_days",
                "other_measure_match_on", "other_measure_match_file", "other_measure_match_reading", "explanation",
                "publisher", "title", "known_at");
        for (ReconciliationLine line : document.lines()) {
            PublishedFigure claim = line.claim();
            PublicationInForce list = line.publication();
            ListMatch nearest = line.nearestMatch();
            ListMatch other = line.otherMeasureMatch();
            CsvCells.write(csv, claim.id(), claim.measure().json(), claim.scope(), claim.date(), claim.value(),
                    line.ledgerValue(), line.ledgerValueByPrintedName(), line.difference(), line.verdict().text(),
                    list == null ? null : list.publishedOn(), list == null ? null : list.fileName(),
                    list == null ? null : list.value(),
                    nearest == null ? null : nearest.publishedOn(), nearest == null ? null : nearest.fileName(),
                    nearest == null ? null : nearest.reading().text(), nearest == null ? null : nearest.daysFromClaim(),
                    other == null ? null : other.publishedOn(), other == null ? null : other.fileName(),
                    other == null ? null : other.reading().text(), line.explanation(),
                    claim.source().publisher(), claim.source().title(), document.knownAt());
        }
        return csv.toString();
    }
}
