package org.agreementledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.watching.Check;
import org.agreementledger.watching.Finding;
import org.agreementledger.watching.IceWatcher;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Check ICE's 287(g) page once: each participating or pending list it links that the archive"
                + " does not hold is downloaded, stored beside the archive's manifest with a line in it, and imported"
                + " (docs/watching.md). Run it from a systemd timer or cron, or let `serve --watch` do it.",
                "Exit status: 0 nothing to act on; 1 a problem an operator must see (a page without links, a dead"
                        + " link, a file that is not a workbook, a list held for review or refused)."})
class WatchCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--archive", paramLabel = "MANIFEST",
            description = "The archive's manifest: lists are stored in its directory's files/ (default:"
                    + " LEDGER_ARCHIVE_MANIFEST, which bin/ledger sets to the repository's archive/ice/MANIFEST.csv).")
    java.nio.file.Path archive;

    @Option(names = "--page", paramLabel = "URL", description = "ICE's 287(g) page (default: ledger.watch.page,"
            + " https://www.ice.gov/identify-and-arrest/287g).")
    java.net.URI page;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.util.List<String> arguments = new java.util.ArrayList<>();
        if (archive != null) {
            arguments.add("--ledger.watch.manifest=" + archive.toAbsolutePath());
        }
        if (page != null) {
            arguments.add("--ledger.watch.page=" + page);
        }
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE,
                arguments.toArray(String[]::new))) {
            TerminalProgress progress = TerminalProgress.onStderr(spec.commandLine().getErr());
            Check check = context.getBean(AcknowledgedWrites.class)
                    .append(() -> run(() -> context.getBean(IceWatcher.class).watch(progress))).result();
            return print(check, spec.commandLine().getOut());
        }
    }

    interface Job {
        Check run() throws InterruptedException;
    }

    /** A job inside AcknowledgedWrites, whose write takes no checked exception. */
    static Check run(Job job) {
        try {
            return job.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One line a finding, then the summary; the exit status says whether anything needs an operator. */
    static int print(Check check, PrintWriter out) {
        for (Finding finding : check.findings()) {
            out.println((finding.alert() ? "ALERT " : "") + finding);
        }
        out.println(check.summary());
        out.flush();
        return check.succeeded() ? 0 : LedgerCli.FAILURE;
    }
}
