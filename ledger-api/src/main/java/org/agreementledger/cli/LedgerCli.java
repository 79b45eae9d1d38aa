package org.agreementledger.cli;

import java.io.PrintWriter;
import org.agreementledger.agreement.app.AgreementConflictException;
import org.agreementledger.api.InvalidFieldException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/ledger}: every command parses and checks its input before a database is touched,
 * so bad input costs nothing and leaves nothing behind. Exit codes: 0 done, 2 bad input, 1 any
 * other failure.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, versionProvider = LedgerCli.Version.class,
        description = "An event-sourced ledger of 287(g) agreements.",
        subcommands = {ServeCommand.class, AppendCommand.class, HistoryCommand.class, ImportCommand.class,
                PublicationsCommand.class, WatchCommand.class, BackfillCommand.class, ReconcileCommand.class,
                CountsCommand.class, ProjectionsCommand.class, DemoCommand.class, DigestCommand.class,
                VerifyCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public class LedgerCli implements Runnable {

    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** For callers that capture what the command prints. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LedgerCli());
        cli.setExecutionExceptionHandler(LedgerCli::report);
        return cli;
    }

    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = rootCauseWeKnow(e);
        if (cause instanceof InvalidFieldException invalid) {
            err.println("error: " + flagOf(invalid.field(), cli.getCommandSpec()) + " (" + invalid.field() + "): "
                    + invalid.problem());
            return BAD_INPUT;
        }
        if (cause instanceof AgreementConflictException) {
            err.println("conflict: " + cause.getMessage());
            return FAILURE;
        }
        err.println("error: " + cause.getMessage());
        return FAILURE;
    }

    /** Spring wraps start-up failures several layers deep; the innermost says what went wrong. */
    private static Throwable rootCauseWeKnow(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && !(current instanceof InvalidFieldException)
                && !(current instanceof AgreementConflictException)) {
            current = current.getCause();
        }
        return current;
    }

    /** signedOn → --signed-on, source.title → --source-title: the flag a person would fix. */
    static String flagOf(String field, CommandLine.Model.CommandSpec command) {
        String flag = "--" + field.replace('.', '-').replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
        if (command.findOption(flag) != null || command.positionalParameters().isEmpty()) {
            return flag;
        }
        // no such flag: the value came in as the command's argument (AGREEMENT_ID, FILE, ID)
        return command.positionalParameters().get(0).paramLabel();
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LedgerCli.class.getPackage().getImplementationVersion();
            return new String[] {"Agreement Ledger " + (version == null ? "(development build)" : version)};
        }
    }
}
