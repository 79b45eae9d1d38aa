package org.agreementledger.cli;

import org.agreementledger.integrity.Digest;
import org.agreementledger.integrity.LedgerChain;
import picocli.CommandLine.Command;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print the hash chain's tip as HASH@POSITION (stdout, one line).",
                "Keep it, or publish it: `verify --digest` later proves the ledger up to it is unchanged."})
class DigestCommand extends LedgerCommand {

    @Override
    public Integer call() throws Exception {
        Digest digest = onLedger(context -> context.getBean(LedgerChain.class).digest());
        out().println(digest);
        return 0;
    }
}
