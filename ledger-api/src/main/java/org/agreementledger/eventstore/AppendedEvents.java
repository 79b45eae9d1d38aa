package org.agreementledger.eventstore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events a piece of work appended and the global index of the last of them, once its
 * transaction committed: what an acknowledgement waits for the reports to take in. The store draws global indexes in the
 * database, so the storage engine looks the last one up as it appends ({@code EventStorageConfiguration})
 * and tells it here, but only for work that asked ({@link #track()}): other appends (the demo
 * loader, the benchmark) pay nothing.
 *
 * <p>It is kept per thread, as Axon keeps its current unit of work: an append through the command
 * gateway and an import through {@code AtomicAppender} both run their unit of work and their
 * transaction on the caller's thread.
 */
public final class AppendedEvents {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private AppendedEvents() {
    }

    /** Work whose committed appends are noted until {@link Scope#close()}. */
    public static final class Scope implements AutoCloseable {

        private final Scope outer;
        private final List<EventMessage<?>> events = new ArrayList<>();
        private long lastIndex = -1;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        /** The highest global index the work's committed transactions appended; -1 if it appended nothing. */
        public long lastIndex() {
            return lastIndex;
        }

        /** The events the work's committed transactions appended, in the order they were stored. */
        public List<EventMessage<?>> events() {
            return Collections.unmodifiableList(events);
        }

        private void committed(List<? extends EventMessage<?>> appended, long index) {
            events.addAll(appended);
            lastIndex = Math.max(lastIndex, index);
        }

        @Override
        public void close() {
            if (CURRENT.get() == this) {
                CURRENT.set(outer);
            }
            if (outer != null) { // an enclosing scope appended whatever this one did
                outer.committed(events, lastIndex);
            }
        }
    }

    /** Opens a scope on this thread; close it (try-with-resources) when the work is done. */
    public static Scope track() {
        Scope scope = new Scope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Whether someone on this thread wants to know: the engine looks the index up only then. */
    static boolean tracking() {
        return CURRENT.get() != null;
    }

    /**
     * The engine appended {@code events}, the last at {@code lastIndex}, in the current transaction:
     * noted when it commits (a rolled-back append was never acknowledged), at once if there is no
     * transaction.
     */
    static void appended(List<? extends EventMessage<?>> events, long lastIndex) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return;
        }
        List<? extends EventMessage<?>> appended = List.copyOf(events);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scope.committed(appended, lastIndex);
                }
            });
        } else {
            scope.committed(appended, lastIndex);
        }
    }
}
