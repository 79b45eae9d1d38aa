package org.agreementledger.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP API (and report page) until stopped.")
class ServeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--archive", paramLabel = "MANIFEST",
            description = "ICE's archive to import on start: all of it into a new ledger, later only files not"
                    + " recorded yet (default: LEDGER_ARCHIVE_MANIFEST, which bin/ledger sets to the repository's"
                    + " archive/ice/MANIFEST.csv).")
    java.nio.file.Path archive;

    @Option(names = "--no-archive", description = "Serve the ledger as it is, importing nothing on start.")
    boolean noArchive;

    @Option(names = "--watch", description = "Check ICE's 287(g) page once ready and every ledger.watch.every"
            + " (6h), as `bin/ledger watch` does (default: LEDGER_WATCH, off; docs/watching.md).")
    boolean watch;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=" + port,
                "--ledger.archive.import-on-start=" + !noArchive));
        if (archive != null) {
            arguments.add("--ledger.archive.manifest=" + archive.toAbsolutePath());
        }
        if (watch) {
            arguments.add("--ledger.watch.enabled=true");
        }
        ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.SERVLET,
                arguments.toArray(String[]::new));
        return serveUntilClosed(context, spec.commandLine().getOut());
    }

    /** Says where the ledger answers, then waits until Ctrl-C or SIGTERM closes the context. */
    static int serveUntilClosed(ConfigurableApplicationContext context, java.io.PrintWriter out)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        out.printf("Agreement Ledger serving http://localhost:%s/ (Ctrl-C stops it)%n",
                context.getEnvironment().getProperty("local.server.port"));
        out.flush();
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
