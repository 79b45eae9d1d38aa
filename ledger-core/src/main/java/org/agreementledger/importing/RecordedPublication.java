package org.agreementledger.importing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.agreementledger.api.HoldPublication;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.PublicationHeld;
import org.agreementledger.api.PublicationRecorded;
import org.agreementledger.api.PublicationRejected;
import org.agreementledger.api.PublicationReleased;
import org.agreementledger.api.RecordPublication;
import org.agreementledger.api.RejectPublication;
import org.agreementledger.api.ReleasePublication;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One publication, recorded once: a second import of the same file for the same day collides with
 * this stream in the store, so two archivists importing it at once cannot both append its events.
 * A list held for review waits here until an archivist releases or rejects it.
 */
@Aggregate
class RecordedPublication {

    @AggregateIdentifier
    private String publicationId;
    private boolean held;

    RecordedPublication() {
        // for Axon
    }

    @CommandHandler
    RecordedPublication(RecordPublication command) {
        apply(new PublicationRecorded(command.publicationId(), command.report()));
    }

    @CommandHandler
    RecordedPublication(HoldPublication command) {
        apply(new PublicationHeld(command.publicationId(), command.report(), command.reason()));
    }

    @CommandHandler
    void handle(ReleasePublication command) {
        requireHeld();
        apply(new PublicationReleased(publicationId, command.reason()));
        apply(new PublicationRecorded(publicationId, command.report()));
    }

    @CommandHandler
    void handle(RejectPublication command) {
        requireHeld();
        apply(new PublicationRejected(publicationId, command.reason()));
    }

    private void requireHeld() {
        if (!held) {
            throw new InvalidFieldException("publication", "'" + publicationId + "' is not held for review"
                    + " (it was applied, released or rejected already)");
        }
    }

    @EventSourcingHandler
    void on(PublicationRecorded event) {
        publicationId = event.publicationId();
        held = false;
    }

    @EventSourcingHandler
    void on(PublicationHeld event) {
        publicationId = event.publicationId();
        held = true;
    }

    @EventSourcingHandler
    void on(PublicationRejected event) {
        held = false;
    }
}
