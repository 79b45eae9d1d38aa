package org.agreementledger.database;

import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded PostgreSQL as the application holds it: one running instance at a time on one data
 * directory and one port, so that the connection pool's URL stays right when {@link DatabaseSupervisor}
 * starts it again after it died. Closed by Spring after the DataSource, so PostgreSQL stops after
 * everything that uses it.
 */
final class SupervisedPostgres implements AutoCloseable {

    private final int maxConnections;
    private final Map<String, String> extraSettings;
    /** The running instance; a restart starts the next on its data directory and port. */
    private volatile EmbeddedLedgerDatabase current;
    private volatile boolean closed;

    private SupervisedPostgres(int maxConnections, Map<String, String> extraSettings, EmbeddedLedgerDatabase first) {
        this.maxConnections = maxConnections;
        this.extraSettings = extraSettings;
        this.current = first;
    }

    static SupervisedPostgres start(Path dataDir, int maxConnections, Map<String, String> extraSettings) {
        return new SupervisedPostgres(maxConnections, extraSettings, EmbeddedLedgerDatabase.start(dataDir,
                maxConnections, 0, false, EmbeddedLedgerDatabase.STARTUP_WAIT, extraSettings));
    }

    String jdbcUrl(String database) {
        return current.jdbcUrl(database);
    }

    /** The postmaster now; after a restart, the new one. */
    ProcessHandle postmaster() {
        return current.postmaster();
    }

    boolean alive() {
        return current.postmasterAlive();
    }

    Path dataDir() {
        return current.dataDir();
    }

    boolean closed() {
        return closed;
    }

    /**
     * Starts PostgreSQL again on the same directory and port (it recovers from its write-ahead log),
     * giving up after {@code startupWait}.
     * The dead instance's handle is closed first, which frees the directory's lock; its pg_ctl stop
     * finds nothing to stop (zonky logs that as an error).
     */
    synchronized void restart(java.time.Duration startupWait) {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL is closed: the application is stopping");
        }
        try {
            current.close();
        } catch (RuntimeException alreadyGone) {
            // its postmaster is dead; only the lock and zonky's bookkeeping are left to release
        }
        EmbeddedLedgerDatabase dead = current;
        current = EmbeddedLedgerDatabase.start(dead.dataDir(), maxConnections, dead.port(), false, startupWait,
                extraSettings);
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}
