package org.agreementledger.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.WithdrawAgreement;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One 287(g) memorandum of agreement, as Axon loads it for a command. Its rules are in
 * {@link AgreementState}, which the import's batch path shares: the aggregate only hands each
 * command to them and applies the event they decide.
 */
@Aggregate
class Agreement {

    @AggregateIdentifier
    private String agreementId;
    private AgreementState state;

    Agreement() {
        // for Axon, which rebuilds the agreement from its events
    }

    @CommandHandler
    Agreement(SignAgreement command) {
        apply(AgreementState.sign(command));
    }

    @CommandHandler
    void handle(ChangeSupportModel command) {
        apply(state.decide(command));
    }

    @CommandHandler
    void handle(WithdrawAgreement command) {
        apply(state.decide(command));
    }

    @CommandHandler
    void handle(ReinstateAgreement command) {
        apply(state.decide(command));
    }

    @CommandHandler
    void handle(CorrectAgreement command) {
        apply(state.decide(command));
    }

    /** Axon calls it with each of the agreement's events, oldest first, and after each event it applies. */
    @EventSourcingHandler
    void on(AgreementEvent event) {
        // a signing starts the agreement; every later event changes what it says
        state = event instanceof AgreementSigned signed ? AgreementState.signed(signed) : state.after(event);
        agreementId = state.agreementId();
    }
}
