package org.agreementledger.reporting;

import java.time.Duration;
import java.util.Comparator;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Spreads the report processor's segments over the ledger instances sharing one database. Axon's
 * pooled processor claims every unclaimed segment it can, so the first instance to start holds
 * them all and the others idle. Every {@code ledger.reports.balance-every} each instance counts
 * the live instances (their connections, by application name, in {@code pg_stat_activity}: a
 * killed instance's connections close with it) and, holding more than its fair share, releases
 * one segment for a while so another instance's processor claims it. When an instance dies, its
 * claims lapse after the token store's claim timeout and the others take its segments over.
 */
@Component
public class SegmentBalancer extends PeriodicTask {

    /** The prefix of every ledger connection's application name; the rest names the instance. */
    public static final String APPLICATION_NAME_PREFIX = "agreement-ledger ";

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ReportProcessor reportProcessor;
    private final JdbcTemplate jdbc;

    /** @param every 0: never */
    SegmentBalancer(ReportProcessor reportProcessor, JdbcTemplate jdbc,
                    @Value("${ledger.reports.balance-every:5s}") Duration every) {
        super("report-segment-balancer", every, every);
        this.reportProcessor = reportProcessor;
        this.jdbc = jdbc;
    }

    /** This process's application name: the prefix, then the pid and host, as Axon names claim owners. */
    public static String applicationName() {
        String name = APPLICATION_NAME_PREFIX + java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return name.length() <= 63 ? name : name.substring(0, 63); // PostgreSQL keeps 63 bytes
    }

    /** Releases a segment if this instance holds more than its fair share. */
    @Override
    void runOnce() {
        try {
            PooledStreamingEventProcessor processor = reportProcessor.processor();
            var mine = processor.processingStatus();
            if (!processor.isRunning() || mine.size() <= 1) {
                return;
            }
            Integer segments = jdbc.queryForObject("select count(*) from tokenentry where processorname = ?",
                    Integer.class, AgreementReportProjection.PROCESSOR);
            Integer instances = jdbc.queryForObject("select count(distinct application_name) from pg_stat_activity"
                    + " where datname = current_database() and application_name like ?", Integer.class,
                    APPLICATION_NAME_PREFIX + "%");
            int fairShare = (int) Math.ceil((double) segments / Math.max(1, instances));
            if (mine.size() > fairShare) {
                int release = mine.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
                log.info("{} instances share {} segments; releasing segment {} of the {} held here", instances,
                        segments, release, mine.size());
                // for twice the claim interval: another instance's processor claims it meanwhile
                processor.releaseSegment(release);
            }
        } catch (RuntimeException e) {
            log.debug("Could not balance the report segments this time: {}", e.getMessage());
        }
    }
}
