package org.agreementledger.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which ledger a command works on. */
class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (default: ./ledger-data). "
                    + "Ignored when LEDGER_DB_URL names an external PostgreSQL.")
    Path dataDir;

    List<String> springArguments() {
        List<String> arguments = new ArrayList<>();
        if (dataDir != null) {
            arguments.add("--ledger.db.data-dir=" + dataDir);
        }
        return arguments;
    }
}
