package org.agreementledger;

import org.agreementledger.cli.LedgerCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger: its HTTP API, its command line and its report page, in one application. */
@SpringBootApplication
public class LedgerApplication {

    public static void main(String[] args) {
        System.exit(LedgerCli.run(args));
    }
}
