package org.agreementledger.readiness;

import java.util.List;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.app.ReportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link LedgerStartupTask}s once the application has started, on a thread of their own,
 * one after another, and marks the ledger ready when all are done and the reports have taken in
 * what they appended (at most {@code ledger.reports.catch-up-timeout}; past it the reports say they
 * are behind), or failed with the first one's failure. Started on {@link ApplicationReadyEvent}, after the web server listens: the page and
 * {@code /api/status} answer while they run (and reports answer 503, {@link LoadingGate}). The
 * thread is interrupted when the application closes.
 */
@Component
class StartupTasks {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final List<LedgerStartupTask> tasks;
    private final LedgerReadiness readiness;
    private final ReportProcessor reports;
    private final ReportProperties properties;
    private volatile Thread runner;

    StartupTasks(List<LedgerStartupTask> tasks, LedgerReadiness readiness, ReportProcessor reports,
                 ReportProperties properties) {
        this.tasks = tasks;
        this.readiness = readiness;
        this.reports = reports;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (tasks.isEmpty() || runner != null) {
            return;
        }
        runner = new Thread(this::runAll, "ledger-startup");
        runner.setDaemon(true); // a JVM told to exit does not wait for it
        runner.start();
    }

    private void runAll() {
        for (LedgerStartupTask task : tasks) {
            try {
                LedgerReadiness.Loading loading = readiness.loading(task.description());
                task.run(loading);
                // ready means the reports show what was loaded, not that it is stored
                loading.rows().start("the reports taking it in", 0);
                if (!reports.awaitCovering(reports.head(), properties.catchUpTimeout())) {
                    log.warn("The reports have not taken in all of '{}' within {}; ready all the same, and reports"
                            + " say how far behind they are", task.description(), properties.catchUpTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                readiness.failed("interrupted: the ledger is shutting down");
                return;
            } catch (Exception | Error e) {
                log.error("Start-up task '{}' failed", task.description(), e);
                readiness.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                return;
            }
        }
        readiness.ready();
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (runner != null) {
            runner.interrupt();
        }
    }
}
