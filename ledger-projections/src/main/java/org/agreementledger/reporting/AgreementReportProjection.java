package org.agreementledger.reporting;

import org.agreementledger.api.AgreementEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code report_agreement_version} in step with the event store: the report processor's
 * handler ({@link AgreementRows} does the writing). The pooled processor hands a batch of events to
 * one unit of work and one transaction (with its token); the handler only keeps each touched
 * agreement's events as handled, and just before the transaction commits the whole batch is
 * written at once. Replacing per event instead cost three round trips per event and re-read long
 * streams once per event of them. Agreements whose single append wrote their rows already
 * ({@link AppendReportRows}) are passed over.
 */
@Component
@ProcessingGroup(AgreementReportProjection.PROCESSOR)
class AgreementReportProjection {

    static final String PROCESSOR = "agreement-reports";

    /** The unit-of-work resource holding the agreements a batch touched. */
    private static final String TOUCHED = AgreementReportProjection.class.getName() + ".touched";

    private final AgreementRows rows;
    private final ReportBatchSignal batches;

    AgreementReportProjection(AgreementRows rows, ReportBatchSignal batches) {
        this.rows = rows;
        this.batches = batches;
    }

    @EventHandler
    void on(AgreementEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        unitOfWork.getOrComputeResource(TOUCHED, key -> {
            AgreementRows.TouchedAgreements touched = new AgreementRows.TouchedAgreements();
            // once per batch, inside its transaction, before the processor's token is committed with it
            unitOfWork.onPrepareCommit(batch -> rows.replaceForTheProcessor(touched, batch));
            // after the processor has moved the segment's status: an acknowledgement waiting for this batch looks now
            unitOfWork.onCleanup(batch -> batches.batchOver());
            return touched;
        }).handled(event.agreementId(), new RecordedEvent(sequenceNumber, event));
    }
}
