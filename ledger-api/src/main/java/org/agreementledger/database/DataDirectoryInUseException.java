package org.agreementledger.database;

import java.nio.file.Path;

/** Another running ledger holds this data directory; one directory serves one instance. */
public class DataDirectoryInUseException extends IllegalStateException {

    public DataDirectoryInUseException(Path dataDir) {
        super("data directory " + dataDir + " is in use by another running ledger; stop it, or send appends to it"
                + " through its HTTP API, or use another --data-dir");
    }
}
