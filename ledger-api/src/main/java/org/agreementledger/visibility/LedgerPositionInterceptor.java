package org.agreementledger.visibility;

import jakarta.servlet.http.HttpServletResponse;
import org.agreementledger.reporting.ReportPosition;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.web.ReadInterceptor;

/**
 * Puts {@code Ledger-Position} (and {@code Ledger-Behind}) on a read, before its handler runs: the
 * position is read first, so the answer reflects at least that much of the ledger. Reports read
 * the report tables, which the processor fills after the append ({@link ReportProcessor#reportPosition()});
 * an agency's record and an agreement's history read the store itself (and the listing kept in the
 * appending transaction), so they reflect the store's head and are never behind. A write answers
 * with its own position ({@link AcknowledgedWrites}).
 */
final class LedgerPositionInterceptor extends ReadInterceptor {

    enum Source { REPORT_TABLES, EVENT_STORE }

    private final ReportProcessor reports;
    private final Source source;

    LedgerPositionInterceptor(ReportProcessor reports, Source source) {
        this.reports = reports;
        this.source = source;
    }

    @Override
    protected void beforeRead(HttpServletResponse response) {
        if (source == Source.REPORT_TABLES) {
            ReportPosition position = reports.reportPosition();
            LedgerHeaders.of(position.position(), position).forEach((name, values) -> response.setHeader(name, values.get(0)));
        } else {
            response.setHeader(LedgerHeaders.POSITION, Long.toString(reports.head()));
        }
    }
}
