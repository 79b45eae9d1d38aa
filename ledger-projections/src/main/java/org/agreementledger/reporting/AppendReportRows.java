package org.agreementledger.reporting;

import org.agreementledger.api.AgreementEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * A single append writes its agreements' report rows itself, inside the transaction that appends
 * its events (subscribing, see application.yml), so the reports hold it when it commits: no second
 * transaction, no fetch of the event back out of the store, no wait for the report processor. Only
 * inside {@link RowsWrittenByTheAppend#open()} (the HTTP and command line appends); every other
 * unit of work (an import, the watcher) leaves its events to the processor, which writes a large
 * batch in a few statements where this would add the rows to the bulk append's own transaction.
 */
@Component
@ProcessingGroup(AppendReportRows.GROUP)
class AppendReportRows {

    static final String GROUP = "agreement-reports-of-appends";

    private static final String TOUCHED = AppendReportRows.class.getName() + ".touched";

    private final AgreementRows rows;

    AppendReportRows(AgreementRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(AgreementEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        RowsWrittenByTheAppend scope = RowsWrittenByTheAppend.current();
        if (scope == null) {
            return;
        }
        unitOfWork.getOrComputeResource(TOUCHED, key -> {
            AgreementRows.TouchedAgreements touched = new AgreementRows.TouchedAgreements();
            // inside the append's transaction, after its events are stored, before it commits
            unitOfWork.onPrepareCommit(batch -> {
                if (rows.replaceForTheAppend(touched, batch)) {
                    scope.writing();
                    batch.afterCommit(committed -> scope.written());
                }
            });
            return touched;
        }).handled(event.agreementId(), new RecordedEvent(sequenceNumber, event));
    }
}
