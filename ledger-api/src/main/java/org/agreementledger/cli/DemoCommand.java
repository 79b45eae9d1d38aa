package org.agreementledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.demo.DemoFigures;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.demo.DemoLoader;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.app.ReportProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Load a synthetic history calibrated to the figures published about the program into a",
                "ledger of its own (default ./ledger-demo), then serve it like `serve`. Every event is marked",
                "synthetic, and every report on it says so. Loading into a loaded demo ledger does nothing."})
class DemoCommand implements Callable<Integer> {

    static final Path DEFAULT_DIR = Path.of("ledger-demo");
    private static final Path REAL_LEDGER = Path.of("ledger-data");

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the demo's embedded PostgreSQL (default: ./ledger-demo).")
    Path dataDir;

    @Option(names = "--agreements", paramLabel = "N", description = "About N agreements, withdrawn ones included"
            + " (default: " + DemoFigures.DEFAULT_AGREEMENTS + ", the size at which the published figures hold).")
    Long agreements;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "287", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--load-only", description = "Load, then exit instead of serving.")
    boolean loadOnly;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir == null ? DEFAULT_DIR : dataDir;
        if (dir.toAbsolutePath().normalize().equals(REAL_LEDGER.toAbsolutePath().normalize())) {
            throw new InvalidFieldException("dataDir", dir + " is the real ledger's directory; the demo needs its own");
        }
        if (agreements != null && (agreements < 1 || agreements > 100_000_000)) {
            throw new InvalidFieldException("agreements", "must be between 1 and 100,000,000");
        }
        PrintWriter out = spec.commandLine().getOut();
        DatabaseOptions database = new DatabaseOptions();
        database.dataDir = dir;
        // the demo never goes to an external PostgreSQL named by LEDGER_DB_URL: that is a real ledger
        List<String> extra = List.of("--ledger.db.url=", "--server.port=" + port);
        ConfigurableApplicationContext context = LedgerContext.start(database,
                loadOnly ? WebApplicationType.NONE : WebApplicationType.SERVLET, extra.toArray(String[]::new));
        try {
            DemoHistory history = agreements == null ? DemoHistory.calibrated(seed) : DemoHistory.of(seed, agreements);
            DemoLoader.Result result = context.getBean(DemoLoader.class)
                    .load(history, TerminalProgress.onStderr(spec.commandLine().getErr()));
            if (result.loaded()) {
                context.getBean(ReportProcessor.class)
                        .awaitCaughtUp(context.getBean(ReportProperties.class).catchUpTimeout());
                out.printf("loaded a synthetic demo history into %s: %,d agreements, %,d events in %.1f s (seed %d)%n",
                        dir, result.agreements(), result.events(), result.took().toMillis() / 1000.0, seed);
            } else {
                out.printf("%s already holds a demo history (%,d synthetic events); nothing loaded%n", dir,
                        result.events());
            }
            out.flush();
            if (loadOnly) {
                context.close();
                return 0;
            }
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return ServeCommand.serveUntilClosed(context, out);
    }
}
