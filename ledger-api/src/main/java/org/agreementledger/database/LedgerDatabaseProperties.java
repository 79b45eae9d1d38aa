package org.agreementledger.database;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ledger keeps its events: an external PostgreSQL when {@code url} is set
 * ({@code LEDGER_DB_URL}), else an embedded one in {@code dataDir}, started with the ledger's own
 * server settings and {@code embeddedSettings} besides (for example
 * {@code shared_preload_libraries: pg_stat_statements}, to count the statements an append costs).
 */
@ConfigurationProperties("ledger.db")
public record LedgerDatabaseProperties(String url, String user, String password, Path dataDir, int poolSize,
                                       java.time.Duration connectionTimeout, int embeddedMaxConnections,
                                       boolean rewriteBatchedInserts, Supervision supervision,
                                       Map<String, String> embeddedSettings) {

    /**
     * How the embedded PostgreSQL is watched ({@link DatabaseSupervisor}).
     *
     * @param checkEvery    how often the postmaster is looked at: a death is noticed within this
     * @param restartWithin how long starting it again may take before the service exits with status 1
     * @param retryAfter    the Retry-After of the 503 answered meanwhile
     */
    public record Supervision(java.time.Duration checkEvery, java.time.Duration restartWithin,
                              java.time.Duration retryAfter) {

        /** As application.yml sets it, for a configuration that leaves it out. */
        static final Supervision DEFAULT = new Supervision(java.time.Duration.ofMillis(250),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(2));
    }

    public LedgerDatabaseProperties {
        supervision = supervision == null ? Supervision.DEFAULT : supervision;
        embeddedSettings = embeddedSettings == null ? Map.of() : Map.copyOf(embeddedSettings);
        EmbeddedLedgerDatabase.checkExtraSettings(embeddedSettings, "ledger.db.embedded-settings.");
    }

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
