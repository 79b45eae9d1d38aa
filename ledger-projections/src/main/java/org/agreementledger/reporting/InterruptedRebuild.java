package org.agreementledger.reporting;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A rebuild stopped half way (the command was interrupted) leaves the processor writing a
 * generation nobody reads. On start-up, follow it to the end and publish it, in the background.
 */
@Component
class InterruptedRebuild {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRebuild.class);

    private final ReportGenerations generations;
    private final ProjectionRebuild rebuild;

    InterruptedRebuild(ReportGenerations generations, ProjectionRebuild rebuild) {
        this.generations = generations;
        this.rebuild = rebuild;
    }

    @EventListener(ContextRefreshedEvent.class)
    void finishInterruptedRebuild() {
        int building = generations.building();
        if (building == generations.published()) {
            return;
        }
        log.warn("An earlier rebuild of the report tables did not finish; finishing generation {} in the background",
                building);
        Thread finisher = new Thread(() -> {
            try {
                rebuild.awaitAndPublish(building, Duration.ofSeconds(10), progress -> { });
            } catch (RuntimeException e) {
                log.warn("Could not finish the rebuild of generation {}: {}", building, e.getMessage());
            }
        }, "report-rebuild-finisher");
        finisher.setDaemon(true);
        finisher.start();
    }
}
