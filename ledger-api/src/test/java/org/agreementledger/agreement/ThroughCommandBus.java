package org.agreementledger.agreement;

import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What AtomicAppender did before the batch path ({@link AgreementBatch}): every command of a batch
 * through the command bus, all in one transaction and one root unit of work. The reference the
 * batch path is held to (AgreementBatchTest) and measured against (AppendPathComparisonTest).
 */
public final class ThroughCommandBus {

    private ThroughCommandBus() {
    }

    public static void append(CommandGateway commands, TransactionTemplate transaction, List<Object> batch) {
        try {
            transaction.executeWithoutResult(status -> {
                UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
                try {
                    for (Object command : batch) {
                        commands.sendAndWait(command);
                    }
                    root.commit();
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
