package org.agreementledger.reporting;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A rebuild whose load has committed but which is not published yet leaves the processor writing
 * a generation nobody reads, and reports frozen on the previous one. That happens when the
 * rebuild command is interrupted after the load, and also when the database fails while the
 * processor catches up: it resumes from its tokens once the database is back, but the caller
 * following the rebuild has given up. So at start-up, and then every
 * {@code ledger.reports.rebuild-check-every}, an unfinished rebuild nobody here is following is
 * followed to its end and published, in the background, through database outages. (A load that
 * fails leaves nothing to finish: it is one transaction with the tokens. But it may leave the
 * processor stopped, if the database was away when the rebuild started it again; the check starts it.)
 */
@Component
class InterruptedRebuild extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRebuild.class);

    private final ReportGenerations generations;
    private final ProjectionRebuild rebuild;

    InterruptedRebuild(ReportGenerations generations, ProjectionRebuild rebuild,
                       @Value("${ledger.reports.rebuild-check-every:10s}") Duration checkEvery) {
        super("report-rebuild-finisher", Duration.ZERO, checkEvery);
        this.generations = generations;
        this.rebuild = rebuild;
    }

    /** Finishes and publishes an unfinished rebuild nobody here is following, if there is one. */
    @Override
    void runOnce() {
        try {
            rebuild.startProcessorIfLeftStopped();
            if (rebuild.followed() || !generations.rebuilding()) {
                return;
            }
            int building = generations.building();
            log.warn("An earlier rebuild of the report tables did not finish; finishing generation {} in the"
                    + " background", building);
            rebuild.awaitAndPublish(building, Duration.ofSeconds(10), progress -> { });
        } catch (RuntimeException e) {
            // the database is away, or the context is closing: the next check tries again
            log.warn("Could not finish the rebuild of the report tables yet: {}", e.getMessage());
        }
    }
}
