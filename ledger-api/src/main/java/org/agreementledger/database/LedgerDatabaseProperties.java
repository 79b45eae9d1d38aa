package org.agreementledger.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ledger keeps its events: an external PostgreSQL when {@code url} is set
 * ({@code LEDGER_DB_URL}), else an embedded one in {@code dataDir}.
 */
@ConfigurationProperties("ledger.db")
public record LedgerDatabaseProperties(String url, String user, String password, Path dataDir, int poolSize,
                                       java.time.Duration connectionTimeout, int embeddedMaxConnections,
                                       boolean rewriteBatchedInserts) {

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
