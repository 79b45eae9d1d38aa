package org.agreementledger.importing;

import java.util.List;
import org.agreementledger.agreement.AgreementConflictException;
import org.agreementledger.progress.Progress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends many commands as one append: one database transaction around one root unit of work, so
 * each command's unit of work nests in it and every event is written at the root's commit, or
 * none is. The aggregates still decide each command.
 */
@Component
public class AtomicAppender {

    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    AtomicAppender(CommandGateway commands, TransactionTemplate transaction) {
        this.commands = commands;
        this.transaction = transaction;
    }

    public void appendAll(List<Object> batch, String phase, Progress progress) {
        try {
            transaction.executeWithoutResult(status -> {
                UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
                try {
                    progress.start(phase, batch.size());
                    int done = 0;
                    for (Object command : batch) {
                        commands.sendAndWait(command);
                        progress.advance(++done);
                    }
                    root.commit();
                    progress.finish();
                } catch (RuntimeException | Error e) {
                    if (root.isActive()) {
                        root.rollback(e);
                    }
                    throw e;
                }
            });
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            throw new AgreementConflictException("another append came first while this batch was written;"
                    + " nothing of it was kept: run it again", e);
        }
    }
}
