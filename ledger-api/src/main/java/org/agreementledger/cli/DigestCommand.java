package org.agreementledger.cli;

import java.util.concurrent.Callable;
import org.agreementledger.integrity.Digest;
import org.agreementledger.integrity.LedgerChain;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print the hash chain's tip as HASH@POSITION (stdout, one line).",
                "Keep it, or publish it: `verify --digest` later proves the ledger up to it is unchanged."})
class DigestCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE)) {
            Digest digest = context.getBean(LedgerChain.class).digest();
            spec.commandLine().getOut().println(digest);
        }
        return 0;
    }
}
