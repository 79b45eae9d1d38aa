package org.agreementledger.importing.app;

import java.util.List;
import org.agreementledger.agreement.app.AgreementBatch;
import org.agreementledger.agreement.app.AgreementConflictException;
import org.agreementledger.progress.Progress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends many commands as one: one database transaction around one root unit of work, and every
 * event is written at the root's commit, or none is. The Agreement aggregate's commands (nearly all
 * of an import's) are decided by {@link AgreementBatch} with the aggregate's own rules, without a
 * command bus round and an aggregate load each (those were about 0.3 ms a command, more than ten
 * times the cost of storing the event); the few others (requests, the publication's record) are
 * sent as commands, their units of work nested in the root.
 */
@Component
public class AtomicAppender {

    private final CommandGateway commands;
    private final AgreementBatch agreements;
    private final TransactionTemplate transaction;

    AtomicAppender(CommandGateway commands, AgreementBatch agreements, TransactionTemplate transaction) {
        this.commands = commands;
        this.agreements = agreements;
        this.transaction = transaction;
    }

    public void appendAll(List<Object> batch, String phase, Progress progress) {
        inOneUnitOfWork(transaction, () -> {
            progress.start(phase, batch.size());
            int done = 0;
            AgreementBatch.Decisions decisions = agreements.begin(batch);
            for (Object command : batch) {
                if (AgreementBatch.decides(command)) {
                    decisions.append(command);
                } else {
                    commands.sendAndWait(command);
                }
                progress.advance(++done);
            }
        });
        progress.finish();
    }

    /**
     * Runs {@code work} in one database transaction around one root unit of work: the events it
     * publishes, and those of the commands it sends (their units of work nested in the root), are
     * stored at the root's commit, or none is. An append that races it and comes first makes it a
     * conflict, with nothing of it kept.
     */
    public static void inOneUnitOfWork(TransactionTemplate transaction, Runnable work) {
        try {
            transaction.executeWithoutResult(status -> {
                UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
                try {
                    work.run();
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
