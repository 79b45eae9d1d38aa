package org.agreementledger.reporting;

/**
 * The scope of one single append on this thread, in which it writes its own report rows
 * ({@link AppendReportRows}), and whether it did: then the reports hold it once it has committed.
 * It does not while a rebuild is under way, nor for events the reports do not handle (a
 * publication's record); the processor then takes them in, as it takes in every other write's.
 */
public final class RowsWrittenByTheAppend implements AutoCloseable {

    private static final ThreadLocal<RowsWrittenByTheAppend> CURRENT = new ThreadLocal<>();

    private final RowsWrittenByTheAppend outer;
    /** Set inside the transaction once the rows are written; they count once it has committed. */
    private volatile boolean writing;
    private volatile boolean written;

    private RowsWrittenByTheAppend(RowsWrittenByTheAppend outer) {
        this.outer = outer;
    }

    /** Opens the scope on this thread; close it when the append is over. */
    public static RowsWrittenByTheAppend open() {
        RowsWrittenByTheAppend scope = new RowsWrittenByTheAppend(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static RowsWrittenByTheAppend current() {
        return CURRENT.get();
    }

    void writing() {
        writing = true;
    }

    void written() {
        written = true;
    }

    /**
     * Whether the append running on this thread has written its report rows in its transaction:
     * asked when that transaction has just committed, by what would otherwise wake the report
     * processor to take its events in (it passes them at its next poll instead).
     */
    public static boolean thisThreadsAppendWroteItsRows() {
        RowsWrittenByTheAppend scope = CURRENT.get();
        return scope != null && scope.writing;
    }

    /** Whether the append wrote its report rows and committed them. */
    public boolean wereWritten() {
        return written;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
