package org.agreementledger.cli;

import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.reporting.app.ReportProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
    static class Rebuild extends LedgerCommand {

        @Override
        public Integer call() throws Exception {
            TerminalProgress bar = TerminalProgress.onStderr(err());
            return onLedger(context -> {
                long started = System.nanoTime();
                ProjectionRebuild.Progress[] last = {null};
                int generation = context.getBean(ProjectionRebuild.class).rebuild(
                        context.getBean(ReportProperties.class).progressEvery(), progress -> {
                            if (last[0] == null) {
                                bar.start("rebuilding reports (events)", progress.total());
                            }
                            last[0] = progress;
                            bar.advance(progress.done(), progress.total());
                            if (progress.finished()) {
                                bar.finish();
                            }
                        });
                long total = last[0] == null ? 0 : last[0].total();
                out().printf("rebuilt the report tables from %d events in %.1f s (generation %d)%n", total,
                        (System.nanoTime() - started) / 1e9, generation);
                return 0;
            });
        }
    }
}
