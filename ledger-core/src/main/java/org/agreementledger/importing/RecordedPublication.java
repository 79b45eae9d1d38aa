package org.agreementledger.importing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.agreementledger.api.PublicationRecorded;
import org.agreementledger.api.RecordPublication;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One publication's bytes, recorded once: a second import of the same file collides with this
 * stream in the store, so two archivists importing it at once cannot both append its events.
 */
@Aggregate
class RecordedPublication {

    @AggregateIdentifier
    private String publicationId;

    RecordedPublication() {
        // for Axon
    }

    @CommandHandler
    RecordedPublication(RecordPublication command) {
        apply(new PublicationRecorded(command.publicationId(), command.report()));
    }

    @EventSourcingHandler
    void on(PublicationRecorded event) {
        publicationId = event.publicationId();
    }
}
