package org.agreementledger.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModelChanged;
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

    @EventSourcingHandler
    void on(AgreementSigned event) {
        agreementId = event.agreementId();
        state = AgreementState.signed(event);
    }

    @EventSourcingHandler
    void on(SupportModelChanged event) {
        state = state.after(event);
    }

    @EventSourcingHandler
    void on(AgreementWithdrawn event) {
        state = state.after(event);
    }

    @EventSourcingHandler
    void on(AgreementReinstated event) {
        state = state.after(event);
    }

    @EventSourcingHandler
    void on(AgreementCorrected event) {
        state = state.after(event);
    }
}
