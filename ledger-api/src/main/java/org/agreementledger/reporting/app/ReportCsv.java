package org.agreementledger.reporting.app;

import java.time.LocalDate;
import java.util.Map;
import org.agreementledger.reporting.AgreementPage;
import org.agreementledger.reporting.Tally;
import org.agreementledger.reporting.Timeline;
import org.agreementledger.web.CsvCells;

/**
 * The reports as CSV, one header line and a record per row, through {@link CsvCells} so no cell can
 * turn into a formula. On a ledger holding synthetic data the first line is a {@code #} comment
 * saying so, before the header.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    private static StringBuilder start(String notice, Object... header) {
        StringBuilder csv = new StringBuilder();
        if (notice != null) {
            csv.append("# ").append(notice).append("\r\n");
        }
        CsvCells.write(csv, header);
        return csv;
    }

    static String counts(CountsDocument counts, String notice) {
        StringBuilder csv = start(notice, "as_of", "known_at", "group", "key", "agreements", "agencies", "states",
                "territories");
        CsvCells.write(csv, counts.asOf(), counts.knownAt(), "all", "all", counts.agreements(), counts.agencies(),
                counts.states(), counts.territories());
        counts.byModel().forEach((model, n) -> CsvCells.write(csv, counts.asOf(), counts.knownAt(), "model", model, n,
                null, null, null));
        rows(csv, counts.asOf(), counts.knownAt(), "state", counts.byState());
        if (counts.byAgencyType() != null) {
            rows(csv, counts.asOf(), counts.knownAt(), "agency_type", counts.byAgencyType());
        }
        return csv.toString();
    }

    private static void rows(StringBuilder csv, LocalDate asOf, LocalDate knownAt, String group,
                             Map<String, Tally> tallies) {
        tallies.forEach((key, tally) -> CsvCells.write(csv, asOf, knownAt, group, key, tally.agreements(),
                tally.agencies(), null, null));
    }

    static String timeline(Timeline timeline, String notice) {
        StringBuilder csv = start(notice, "date", "known_at", "agreements", "agencies", "states", "territories");
        timeline.points().forEach(point -> CsvCells.write(csv, point.date(), timeline.knownAt(), point.agreements(),
                point.agencies(), point.states(), point.territories()));
        return csv.toString();
    }

    static String agreements(AgreementPage page, String notice) {
        StringBuilder csv = start(notice, "agreement_id", "agency_id", "agency_name", "state", "county", "agency_type",
                "model", "signed_on", "valid_from", "valid_to", "moa_link");
        page.agreements().forEach(a -> CsvCells.write(csv, a.agreementId(), a.agencyId(), a.agencyName(),
                a.state().name(), a.county(), a.agencyType(), a.model().name(), a.signedOn(), a.validFrom(),
                a.validTo(), a.moaLink()));
        return csv.toString();
    }
}
