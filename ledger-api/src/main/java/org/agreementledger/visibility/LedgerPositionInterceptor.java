package org.agreementledger.visibility;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.agreementledger.reporting.ReportPosition;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.app.ReportFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;
import org.agreementledger.web.ReadInterceptor;

/**
 * Puts {@code Ledger-Position} (and {@code Ledger-Behind}) on a read, before its handler runs: the
 * position is read first, so the answer reflects at least that much of the ledger. Reports read
 * the report tables, which the processor fills after the append ({@link ReportProcessor#reportPosition()});
 * an agency's record and an agreement's history read the store itself (and the listing kept in the
 * appending transaction), so they reflect the store's head and are never behind (a write answers
 * with its own position: {@link AcknowledgedWrites}). A report also
 * carries an {@code ETag} ({@link #entityTag}) and is answered 304 Not Modified when the client's
 * {@code If-None-Match} still holds, so a page polling for news costs one small query.
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
    protected boolean beforeRead(HttpServletRequest request, HttpServletResponse response) {
        if (source == Source.REPORT_TABLES) {
            ReportPosition position = reports.reportPosition();
            LedgerHeaders.of(position.position(), position).forEach((name, values) -> response.setHeader(name, values.get(0)));
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            ReportFormat format;
            try {
                format = ReportFormat.of(request.getParameter("format"), request.getHeader(HttpHeaders.ACCEPT));
            } catch (InvalidFieldException refused) {
                return true; // the handler answers the problem, untagged
            }
            // a poll that finds nothing new is answered 304 before any report is computed
            return !new ServletWebRequest(request, response).checkNotModified(entityTag(position, format));
        } else {
            response.setHeader(LedgerHeaders.POSITION, Long.toString(reports.head()));
        }
        return true;
    }

    /**
     * The version of a report answer: it changes whenever the answer may. The store's head and the
     * report tables' position and revision (any append, anything taken in, a rebuild published),
     * today's date (a report without knownAt is as known today) and the format the Accept header
     * or {@code ?format=} chose (the query string is part of the URL a cache keys on). Weak: equal
     * answers, not equal bytes.
     */
    static String entityTag(ReportPosition position, ReportFormat format) {
        return "W/\"" + position.head() + "." + position.position() + "." + position.revision() + "."
                + AgreementReports.today() + "." + format.name().toLowerCase(java.util.Locale.ROOT) + "\"";
    }
}
