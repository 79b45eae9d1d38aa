package org.agreementledger.cli;

import java.io.PrintWriter;
import java.util.List;
import org.agreementledger.integrity.ApiToken;
import org.agreementledger.integrity.ApiTokens;
import org.agreementledger.integrity.IssuedToken;
import org.agreementledger.integrity.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "API tokens for the HTTP API: archivists append, auditors read and verify.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a token and print it (stdout, one line) this once: the ledger keeps only a hash.",
                    "Send it as `Authorization: Bearer TOKEN`."})
    static class Create extends LedgerCommand {

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "archivist or auditor.")
        String role;

        @Option(names = "--name", paramLabel = "TEXT", description = "Whose or what it is, for `token list`.")
        String name;

        @Override
        public Integer call() throws Exception {
            Role parsed = Role.parse("role", role);
            IssuedToken issued = onLedger(context -> context.getBean(ApiTokens.class).create(parsed, name));
            err().printf("created %s token %s; it is shown only this once:%n", parsed.label(), issued.token().id());
            err().flush();
            out().println(issued.text());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every token: id, role, name, created, revoked.")
    static class ListTokens extends LedgerCommand {

        @Override
        public Integer call() throws Exception {
            print(out(), onLedger(context -> context.getBean(ApiTokens.class).list()));
            return 0;
        }

        static void print(PrintWriter out, List<ApiToken> tokens) {
            out.printf("%-12s  %-9s  %-24s  %-24s  %s%n", "ID", "ROLE", "CREATED (UTC)", "REVOKED (UTC)", "NAME");
            for (ApiToken token : tokens) {
                out.printf("%-12s  %-9s  %-24s  %-24s  %s%n", token.id(), token.role().label(), token.createdAt(),
                        token.revoked() ? token.revokedAt() : "-", token.name() == null ? "" : token.name());
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token for good, at once.")
    static class Revoke extends LedgerCommand {

        @Parameters(paramLabel = "ID", description = "The token's id: the part before the '.' (see `token list`).")
        String id;

        @Override
        public Integer call() throws Exception {
            ApiToken revoked = onLedger(context -> context.getBean(ApiTokens.class).revoke(id));
            out().printf("revoked %s token %s at %s%n", revoked.role().label(), revoked.id(), revoked.revokedAt());
            return 0;
        }
    }
}
