package org.agreementledger.cli;

import java.io.PrintWriter;
import org.agreementledger.integrity.Digest;
import org.agreementledger.integrity.Finding;
import org.agreementledger.integrity.LedgerChain;
import org.agreementledger.integrity.Verification;
import org.agreementledger.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute the hash chain from the stored events and report the first position where an"
                + " event was changed, deleted or inserted.",
                "Exit codes: 0 verified, 1 tampering found (or the digest is not a prefix), 2 bad input."})
class VerifyCommand extends LedgerCommand {

    @Option(names = "--digest", paramLabel = "HASH@POSITION",
            description = "A digest handed out earlier (by `digest`): prove it is a prefix of today's ledger.")
    String digest;

    @Override
    public Integer call() throws Exception {
        Digest earlier = digest == null ? null : Digest.parse("digest", digest); // before any database starts
        Verification verification = onLedger(context -> context.getBean(LedgerChain.class)
                .verify(earlier, TerminalProgress.onStderr(err())));
        print(out(), verification);
        return verification.intact() ? 0 : LedgerCli.FAILURE;
    }

    static void print(PrintWriter out, Verification verification) {
        if (verification.findingCount() == 0) {
            out.printf("VERIFIED: %,d links recomputed from the stored events; the chain is intact%n",
                    verification.linksChecked());
        } else {
            Finding first = verification.firstFinding();
            out.printf("TAMPERED: first at position %,d: %s %s%n", first.position(), first.kind(), first.detail());
            verification.findings().stream().skip(1).forEach(finding -> out.printf("  position %,d: %s %s%n",
                    finding.position(), finding.kind(), finding.detail()));
            long unlisted = verification.findingCount() - verification.findings().size();
            if (unlisted > 0) {
                out.printf("  ... and %,d more%n", unlisted);
            }
            out.printf("%,d findings in %,d links%n", verification.findingCount(), verification.linksChecked());
        }
        out.printf("tip %s%n", verification.tip());
        if (verification.pendingEvents() > 0) {
            out.printf("pending %,d events committed while another writer was linking, not linked yet: their"
                    + " writers link them before acknowledging, the next append links any left%n",
                    verification.pendingEvents());
        }
        Verification.DigestCheck check = verification.digestCheck();
        if (check != null) {
            out.printf("digest %s: %s: %s%n", check.digest(), check.holds() ? "PREFIX PROVED" : "NOT A PREFIX",
                    check.detail());
        }
    }
}
