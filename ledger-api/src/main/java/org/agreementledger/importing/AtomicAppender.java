package org.agreementledger.importing;

import java.util.List;
import org.agreementledger.agreement.AgreementConflictException;
import org.agreementledger.progress.Progress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends many commands as one append: one database transaction, so every event is committed with
 * the transaction, or none is. Inside it the commands go in root units of work of
 * {@code ledger.imports.commands-per-unit-of-work} each: each command's unit of work nests in the
 * current root, and a root's commit writes its events (one JDBC batch) and the subscribing tables'
 * rows into the still open transaction. The aggregates still decide each command; an aggregate
 * touched by an earlier root of the same batch is loaded from the store, which in this transaction
 * already holds that root's events.
 * <p>
 * Why several roots rather than one: Axon keeps a root's staged events and managed aggregates in
 * lists and maps it scans on every command (AbstractEventBus.queuedMessages on each aggregate load,
 * AbstractRepository's containsValue on each commit), so one root of n commands costs O(n²); a
 * root of a few hundred keeps that small and still sends the events as multi-row INSERTs.
 */
@Component
public class AtomicAppender {

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final int commandsPerUnitOfWork;

    AtomicAppender(CommandGateway commands, TransactionTemplate transaction,
                   @Value("${ledger.imports.commands-per-unit-of-work:250}") int commandsPerUnitOfWork) {
        this.commands = commands;
        this.transaction = transaction;
        this.commandsPerUnitOfWork = Math.max(1, commandsPerUnitOfWork);
    }

    public void appendAll(List<Object> batch, String phase, Progress progress) {
        try {
            transaction.executeWithoutResult(status -> {
                progress.start(phase, batch.size());
                for (int from = 0; from < batch.size(); from += commandsPerUnitOfWork) {
                    List<Object> part = batch.subList(from, Math.min(batch.size(), from + commandsPerUnitOfWork));
                    appendInOneUnitOfWork(part, from, progress);
                }
                progress.finish();
            });
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            throw new AgreementConflictException("another append came first while this batch was written;"
                    + " nothing of it was kept: run it again", e);
        }
    }

    /** A failure rolls this root back and propagates, which rolls the whole transaction back. */
    private void appendInOneUnitOfWork(List<Object> part, int done, Progress progress) {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        try {
            for (Object command : part) {
                commands.sendAndWait(command);
                progress.advance(++done);
            }
            root.commit();
        } catch (RuntimeException | Error e) {
            if (root.isActive()) {
                root.rollback(e);
            }
            throw e;
        }
    }
}
