package org.agreementledger.watching;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code iceWatch} in /actuator/health: when the watcher last succeeded and last failed, and what it
 * found then. It stays UP when a check fails (the ledger itself still answers; an operator's monitor
 * compares lastFailure with lastSuccess, or reads {@code failing}); UNKNOWN until a first check.
 */
@Component("iceWatch")
class WatchHealth extends AbstractHealthIndicator {

    private final WatchLog watchLog;

    WatchHealth(WatchLog watchLog) {
        super("the ICE watcher's state could not be read");
        this.watchLog = watchLog;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Optional<Check> last = watchLog.last(Check.WATCH);
        if (last.isEmpty()) {
            health.unknown().withDetail("message", "ICE's page has not been checked yet (bin/ledger watch)");
            return;
        }
        health.up().withDetail("failing", !last.get().succeeded())
                .withDetail("lastCheck", last.get().finishedAt());
        watchLog.last(Check.WATCH, true).ifPresent(check -> health.withDetail("lastSuccess", describe(check)));
        watchLog.last(Check.WATCH, false).ifPresent(check -> health.withDetail("lastFailure", describe(check)));
        watchLog.last(Check.BACKFILL).ifPresent(check -> health.withDetail("lastBackfill", describe(check)));
    }

    private static Map<String, Object> describe(Check check) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("at", check.finishedAt());
        details.put("succeeded", check.succeeded());
        details.put("summary", check.summary());
        if (!check.alerts().isEmpty()) {
            details.put("alerts", check.alerts().stream().map(Finding::toString).toList());
        }
        return details;
    }
}
