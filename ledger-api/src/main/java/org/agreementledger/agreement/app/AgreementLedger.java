package org.agreementledger.agreement.app;

import org.agreementledger.api.AgreementAmendment;
import org.agreementledger.api.AgreementNotFoundException;
import org.agreementledger.api.SignAgreement;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.stereotype.Service;

/**
 * A single append, shared by the HTTP API and {@code bin/ledger append}: it sends the command and
 * says what a failure means in the ledger's words; the aggregate decides. Imports and the demo load
 * do not come this way: {@code importing.AtomicAppender} appends a batch of commands in one unit of
 * work, the agreement commands decided by {@link AgreementBatch} with the same rules ({@code AgreementState}).
 */
@Service
public class AgreementLedger {

    private final CommandGateway commands;

    AgreementLedger(CommandGateway commands) {
        this.commands = commands;
    }

    public String sign(SignAgreement command) {
        send(command.agreementId(), command);
        return command.agreementId();
    }

    /** A change of model, a withdrawal, a reinstatement or a correction of an agreement that exists. */
    public void amend(AgreementAmendment command) {
        send(command.agreementId(), command);
    }

    private void send(String agreementId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new AgreementNotFoundException(agreementId);
        } catch (AggregateStreamCreationException e) {
            throw new AgreementConflictException("agreement '" + agreementId + "' is already signed", e);
        } catch (ConcurrencyException | ConflictingModificationException e) {
            // Not retried: the other append may have changed what this one should say.
            throw new AgreementConflictException("another append to agreement '" + agreementId
                    + "' came first; read its history and decide again", e);
        }
    }
}
