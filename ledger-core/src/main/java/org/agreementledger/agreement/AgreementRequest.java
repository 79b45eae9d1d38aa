package org.agreementledger.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.agreementledger.api.AgreementRequestClosed;
import org.agreementledger.api.AgreementRequested;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.RequestAgreement;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An agency's request for an agreement, pending until it is signed or leaves ICE's pending list. */
@Aggregate
class AgreementRequest {

    @AggregateIdentifier
    private String requestId;
    private LocalDate pendingFrom;
    private boolean closed;

    AgreementRequest() {
        // for Axon
    }

    @CommandHandler
    AgreementRequest(RequestAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        apply(new AgreementRequested(command.requestId(), command.agencyId(), command.agencyName(), command.state(),
                command.county(), command.agencyType(), command.model(), command.effectiveOn(), knownOn,
                command.source()));
    }

    @CommandHandler
    void handle(CloseAgreementRequest command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        if (closed) {
            throw new InvalidFieldException("requestId", "request '" + requestId + "' is already closed");
        }
        if (command.effectiveOn().isBefore(pendingFrom)) {
            throw new InvalidFieldException("effectiveOn", command.effectiveOn() + " is before request '" + requestId
                    + "' was made on " + pendingFrom);
        }
        apply(new AgreementRequestClosed(requestId, command.reason(), command.agreementId(), command.effectiveOn(),
                knownOn, command.source()));
    }

    @EventSourcingHandler
    void on(AgreementRequested event) {
        requestId = event.requestId();
        pendingFrom = event.effectiveOn();
    }

    @EventSourcingHandler
    void on(AgreementRequestClosed event) {
        closed = true;
    }
}
