package org.agreementledger.readiness;

/**
 * Work the ledger must finish after it starts and before its reports may answer, such as importing
 * ICE's whole archive on a first start. Declare it as a bean: while any exists the ledger starts
 * {@link LedgerReadiness.State#LOADING} (so no report answers from a half-loaded ledger, not even
 * in the moment before the task begins), and once the application has started (the web server
 * listening, so the page can say it is loading) the tasks run one after another on a background
 * thread. All done: ready. One throws: failed, with its message as the reason, and the rest do not
 * run. Tasks run in every context the application starts, the command line's included: make a task
 * conditional (say {@code @ConditionalOnWebApplication}) if only {@code serve} should run it.
 */
public interface LedgerStartupTask {

    /** What the ledger is doing meanwhile, as people should read it: "loading ICE's archive". */
    String description();

    /**
     * Does the work, telling {@code loading} how far it has got (see {@link LedgerReadiness.Loading}).
     * Runs on the start-up thread, which is interrupted when the application closes.
     */
    void run(LedgerReadiness.Loading loading) throws Exception;
}
