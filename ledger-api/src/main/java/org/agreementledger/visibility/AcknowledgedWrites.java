package org.agreementledger.visibility;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.agreementledger.eventstore.AppendedEvents;
import org.agreementledger.integrity.LedgerChain;
import org.agreementledger.reporting.ReportPosition;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.RowsWrittenByTheAppend;
import org.agreementledger.reporting.app.ReportProperties;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Acknowledged means visible: a write (an append, an import) is answered to its client, over HTTP
 * or by the command line's exit, only once the report tables hold what it appended, so every report
 * asked after the answer reflects it. It waits until each segment of the report processor has taken
 * in the last of the write's events it handles (a transaction's events commit together, and a
 * segment takes them in in order; see {@link ReportProcessor#awaitTakenIn}), at most
 * {@code ledger.reports.visible-within}. Past that the write is still answered as done, since it
 * is stored, and retrying it would append it twice or conflict; the answer then says the reports
 * are behind ({@code Ledger-Behind}), never that they hold it.
 *
 * <p>A single append (the HTTP and command line appends, {@link #appendSingle}) writes its own
 * report rows inside its transaction, so it is visible once committed and does not wait.
 *
 * <p>Acknowledged also means linked into the hash chain. A commit that found the chain's lock taken
 * left its events pending (V32); before waiting for the reports, the write links them, with every
 * other writer's pending events, unless another writer already has.
 */
@Component
public class AcknowledgedWrites {

    private final ReportProcessor reports;
    private final LedgerChain chain;
    private final Duration visibleWithin;

    AcknowledgedWrites(ReportProcessor reports, LedgerChain chain, ReportProperties properties) {
        this.reports = reports;
        this.chain = chain;
        this.visibleWithin = properties.visibleWithin();
    }

    /** Runs {@code write}, then waits until the reports hold what it appended, or the wait is up. */
    public <T> Acknowledgement<T> append(Supplier<T> write) {
        return append(write, false);
    }

    /**
     * Runs a single append (the HTTP and command line appends: a command or two, not an import),
     * which writes its own report rows inside its transaction ({@link RowsWrittenByTheAppend}): the
     * reports hold it once it has committed, with no wait for the report processor. While a rebuild
     * is under way it does not, and this waits as {@link #append} does.
     */
    public <T> Acknowledgement<T> appendSingle(Supplier<T> write) {
        return append(write, true);
    }

    private <T> Acknowledgement<T> append(Supplier<T> write, boolean single) {
        T result;
        long lastIndex;
        List<EventMessage<?>> events;
        boolean rowsWritten;
        try (AppendedEvents.Scope appended = AppendedEvents.track();
             RowsWrittenByTheAppend rows = single ? RowsWrittenByTheAppend.open() : null) {
            result = write.get();
            lastIndex = appended.lastIndex();
            events = appended.events();
            rowsWritten = rows != null && rows.wereWritten();
        }
        if (lastIndex >= 0) {
            chain.linkPending();
        }
        if (lastIndex >= 0 && rowsWritten) {
            return new Acknowledgement<>(result, lastIndex, null);
        }
        if (lastIndex >= 0 && reports.awaitTakenIn(events, lastIndex, visibleWithin)) {
            return new Acknowledgement<>(result, lastIndex, null);
        }
        // not in time, or nothing appended: say where the reports stand (caught up meanwhile counts)
        ReportPosition now = reports.reportPosition();
        return new Acknowledgement<>(result, lastIndex >= 0 ? lastIndex : now.position(), now.current() ? null : now);
    }
}
