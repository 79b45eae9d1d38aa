package org.agreementledger.agreement.app;

import java.util.List;
import org.agreementledger.importing.app.AtomicAppender;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
        AtomicAppender.inOneUnitOfWork(transaction, () -> batch.forEach(commands::sendAndWait));
    }
}
