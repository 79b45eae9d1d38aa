package org.agreementledger.watching;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agreementledger.progress.Progress;
import org.agreementledger.readiness.LedgerReadiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The watch inside {@code serve} ({@code ledger.watch.enabled}): a check of ICE's page once the
 * ledger is ready (after the archive it imports on start), then every {@code ledger.watch.every}.
 * A check while the ledger still loads is put off to the next turn, so two imports never race.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "ledger.watch.enabled", havingValue = "true")
class WatchSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WatchSchedule.class);
    private static final long READY_POLL_SECONDS = 5;

    private final IceWatcher watcher;
    private final LedgerReadiness readiness;
    private final WatchProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ice-watch");
        thread.setDaemon(true);
        return thread;
    });

    WatchSchedule(IceWatcher watcher, LedgerReadiness readiness, WatchProperties properties) {
        this.watcher = watcher;
        this.readiness = readiness;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("watching {} every {}", properties.page(), properties.every());
        timer.schedule(this::checkWhenReady, 0, TimeUnit.SECONDS);
    }

    private void checkWhenReady() {
        if (!readiness.isReady()) {
            if (readiness.status().state() != LedgerReadiness.State.FAILED) {
                timer.schedule(this::checkWhenReady, READY_POLL_SECONDS, TimeUnit.SECONDS);
            } else {
                log.warn("not watching ICE's page: the ledger failed to load ({})", readiness.status().reason());
            }
            return;
        }
        timer.scheduleWithFixedDelay(this::check, 0, properties.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            watcher.watch(Progress.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // recorded by the watcher; the schedule goes on
            log.error("ICE watch failed", e);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
