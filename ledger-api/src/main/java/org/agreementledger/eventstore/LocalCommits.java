package org.agreementledger.eventstore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells whoever asked that this application has just committed events to the store. The storage
 * engine says so after each append's transaction commits; {@link PromptEventSource} listens, so
 * the report processor takes the events in at once instead of at its next poll.
 */
@Component
class LocalCommits {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    /** Events were appended in the current transaction: tell the listeners once it has committed. */
    void appended() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed();
                }
            });
        } else {
            committed();
        }
    }

    private void committed() {
        listeners.forEach(Runnable::run);
    }
}
