package org.agreementledger.cli;

import java.util.concurrent.Callable;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.watching.Check;
import org.agreementledger.watching.WaybackBackfill;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Grow the archive from the Wayback Machine: every capture of ICE's lists it holds (its CDX"
                + " API) that the archive does not, fetched, stored with a manifest line and imported in capture"
                + " order, by the same rules as `watch` (docs/watching.md). Stops at the first capture it cannot"
                + " fetch; run it again to resume there.",
                "Exit status: 0 nothing to act on; 1 a problem an operator must see; 2 bad input."})
class BackfillCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--wayback", required = true,
            description = "From the Wayback Machine (the only source there is; the flag says where from).")
    boolean wayback;

    @Option(names = "--archive", paramLabel = "MANIFEST",
            description = "The archive's manifest (default: LEDGER_ARCHIVE_MANIFEST, which bin/ledger sets to the"
                    + " repository's archive/ice/MANIFEST.csv).")
    java.nio.file.Path archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!wayback) {
            throw new InvalidFieldException("wayback", "say where from: --wayback");
        }
        java.util.List<String> arguments = new java.util.ArrayList<>();
        if (archive != null) {
            arguments.add("--ledger.watch.manifest=" + archive.toAbsolutePath());
        }
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE,
                arguments.toArray(String[]::new))) {
            TerminalProgress progress = TerminalProgress.onStderr(spec.commandLine().getErr());
            Check check = context.getBean(AcknowledgedWrites.class)
                    .append(() -> WatchCommand.run(() -> context.getBean(WaybackBackfill.class).backfill(progress)))
                    .result();
            return WatchCommand.print(check, spec.commandLine().getOut());
        }
    }
}
