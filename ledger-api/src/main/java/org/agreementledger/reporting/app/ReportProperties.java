package org.agreementledger.reporting.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code catchUpTimeout}: how long a command-line report waits for the projection to take in the
 * latest appends; {@code progressEvery}: how often a rebuild reports its progress;
 * {@code visibleWithin}: how long an acknowledged write waits for the reports to take in what it
 * appended before it is answered anyway, saying the reports are behind.
 */
@ConfigurationProperties("ledger.reports")
public record ReportProperties(Duration catchUpTimeout, Duration progressEvery, Duration visibleWithin) {
}
