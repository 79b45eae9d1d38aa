package org.agreementledger.eventstore;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * What a pooled processor does with a batch that failed: Axon's default (propagate the failure, so
 * the batch rolls back, the work package is aborted and its segment is claimed again from the stored
 * token), except that an {@link Error} is wrapped in an exception first.
 * <p>
 * Axon's work package catches exceptions only. An Error thrown out of a batch ends the work package's
 * task without completing its abort, so the segment is never processed again; the coordinator, which
 * waits for that abort before it retries, stops too, while the processor still reports itself running
 * and not in error. pgjdbc throws one when the connection dies under a batch insert and assertions are
 * on ({@code AssertionError: pgStatement.getConnection().getAutoCommit() should not throw}), which is
 * how a PostgreSQL crash during a rebuild left the report processor stalled for good
 * (DatabaseCrashDuringRebuildTest). Any Error will do it (a linkage error, a stack overflow), so every
 * Error is treated as a failed batch: retried, never the end of the processor.
 */
enum ErrorsFailTheBatch implements ErrorHandler {

    INSTANCE;

    @Override
    public void handleError(ErrorContext errorContext) throws Exception {
        if (errorContext.error() instanceof Error error) {
            throw new EventProcessingException("A batch of processor '" + errorContext.eventProcessor()
                    + "' failed with " + error + "; it is retried from the stored token", error);
        }
        PropagatingErrorHandler.instance().handleError(errorContext);
    }
}
