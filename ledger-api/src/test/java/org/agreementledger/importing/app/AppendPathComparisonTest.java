package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.ThroughCommandBus;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import's append path against the command path it replaced, on demand
 * ({@code -Dledger.appendPaths=10000}): the bench's input (DemoHistory, 2,500 commands a transaction,
 * the report processor paused) appended by {@link AtomicAppender} and by every command sent through
 * the command bus in one root unit of work (what AtomicAppender did before), each into a fresh ledger,
 * interleaved twice in one run so the machine's load falls on both alike. Only the appends are timed.
 * Prints the rates; asserts only that both stored every event.
 */
@ExtendWith(LedgerDatabaseExtension.class)
@EnabledIfSystemProperty(named = "ledger.appendPaths", matches = "\\d+")
class AppendPathComparisonTest {

    private static final int BATCH = 2_500;

    @Test
    void batchPathAgainstCommandPath() {
        int agreements = Integer.parseInt(System.getProperty("ledger.appendPaths"));
        StringBuilder report = new StringBuilder("append paths, DemoHistory.of(1, " + agreements + "), same run:\n");
        for (int round = 1; round <= 2; round++) {
            for (int variant = 0; variant < 4; variant++) {
                boolean batchPath = variant % 2 == 1;
                // Axon's per-handler timeouts (on by default: a stack trace and a scheduled warning per
                // handler call) as application.yml sets them, or back at Axon's defaults
                boolean axonDefaults = variant < 2;
                try (ConfigurableApplicationContext ledger = startLedger(axonDefaults)) {
                    ledger.getBean(EventProcessingConfiguration.class)
                            .eventProcessor(ReportProcessor.NAME, PooledStreamingEventProcessor.class)
                            .orElseThrow().shutDown();
                    AtomicAppender appender = ledger.getBean(AtomicAppender.class);
                    CommandGateway commands = ledger.getBean(CommandGateway.class);
                    TransactionTemplate transaction = ledger.getBean(TransactionTemplate.class);
                    Consumer<List<Object>> append = batchPath
                            ? batch -> appender.appendAll(batch, "compare", Progress.NONE)
                            : batch -> ThroughCommandBus.append(commands, transaction, batch);
                    DemoHistory history = DemoHistory.of(1, agreements);
                    long nanos = appendAll(history, append);
                    long events = ledger.getBean(JdbcTemplate.class)
                            .queryForObject("select count(*) from domainevententry", Long.class);
                    assertThat(events).isEqualTo(history.size());
                    report.append(String.format("  round %d %-14s %-26s %,8.0f events/s (%,d events in %.2f s)%n",
                            round, batchPath ? "AgreementBatch" : "command bus",
                            axonDefaults ? "Axon's handler timeouts" : "handler timeouts as configured",
                            events / (nanos / 1e9), events, nanos / 1e9));
                }
            }
        }
        System.out.print(report);
    }

    private static long appendAll(DemoHistory history, Consumer<List<Object>> append) {
        long nanos = 0;
        List<Object> batch = new ArrayList<>(BATCH);
        for (Iterator<Object> commands = history.commands(); commands.hasNext(); ) {
            batch.add(commands.next());
            if (batch.size() == BATCH || !commands.hasNext()) {
                long started = System.nanoTime();
                append.accept(batch);
                nanos += System.nanoTime() - started;
                batch.clear();
            }
        }
        return nanos;
    }

    private static ConfigurableApplicationContext startLedger(boolean axonHandlerTimeouts) {
        List<String> arguments = new ArrayList<>(List.of("--ledger.security.archivist-token=compare",
                "--logging.level.root=warn", "--logging.level.org.agreementledger=warn"));
        if (axonHandlerTimeouts) {
            arguments.add("--axon.timeout.enabled=true"); // Axon's defaults, as before application.yml turned them off
            for (String kind : List.of("events", "commands")) {
                arguments.add("--axon.timeout.handler." + kind + ".timeout-ms=30000");
                arguments.add("--axon.timeout.handler." + kind + ".warning-threshold-ms=10000");
                arguments.add("--axon.timeout.handler." + kind + ".warning-interval-ms=1000");
            }
        }
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(LedgerDatabaseExtension.newDatabase().ledgerArguments(arguments.toArray(String[]::new)));
    }
}
