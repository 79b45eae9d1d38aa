package org.agreementledger.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.reporting.ReportProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "Look after the read models the reports answer from.",
        subcommands = ProjectionsCommand.Rebuild.class)
class ProjectionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: rebuild");
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Replay the whole event store into new report tables, with progress on stderr.",
                    "Reports go on answering from the old tables until the new ones are complete."})
    static class Rebuild implements Callable<Integer> {

        private static final int BAR = 30;

        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            boolean terminal = System.console() != null;
            try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE)) {
                long started = System.nanoTime();
                ProjectionRebuild.Progress[] last = {null};
                int generation = context.getBean(ProjectionRebuild.class).rebuild(
                        context.getBean(ReportProperties.class).progressEvery(), progress -> {
                            last[0] = progress;
                            err.print(bar(progress) + (terminal && !progress.finished() ? "\r" : "\n"));
                            err.flush();
                        });
                long total = last[0] == null ? 0 : last[0].total();
                spec.commandLine().getOut().printf("rebuilt the report tables from %d events in %.1f s"
                        + " (generation %d)%n", total, (System.nanoTime() - started) / 1e9, generation);
            }
            return 0;
        }

        static String bar(ProjectionRebuild.Progress progress) {
            double share = progress.total() == 0 ? 1 : Math.min(1, (double) progress.done() / progress.total());
            int filled = (int) Math.round(share * BAR);
            return String.format("rebuilding reports [%s%s] %d/%d events (%3.0f%%), %.0f events/s, ETA %s",
                    "#".repeat(filled), ".".repeat(BAR - filled), progress.done(), progress.total(), share * 100,
                    progress.eventsPerSecond(), eta(progress.eta()));
        }

        private static String eta(Duration eta) {
            if (eta == null) {
                return "?";
            }
            long seconds = eta.toSeconds();
            return String.format("%d:%02d", seconds / 60, seconds % 60);
        }
    }
}
