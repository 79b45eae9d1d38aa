package org.agreementledger.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connection pool of a supervised embedded PostgreSQL, refusing at once while PostgreSQL is down
 * or being started again: the pool would keep asking for a connection for {@code connection-timeout}
 * (30 s), and every request, and Axon's processors, would wait that long. From the moment the
 * postmaster dies (before the supervisor has noticed: its liveness is read on a borrow, a read of
 * /proc, at most once in 10 ms) until a connection answers again, a borrow fails with a connection
 * exception, which is answered 503 ({@link DatabaseOutages}).
 */
final class SupervisedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final long LIVENESS_READ_EVERY_NANOS = 10_000_000;

    private final HikariDataSource pool;
    private final SupervisedPostgres postgres;
    private final DatabaseAvailability availability;
    // a race between borrows only reads /proc once more
    private volatile boolean alive;
    private volatile long livenessReadAt;

    SupervisedDataSource(HikariDataSource pool, SupervisedPostgres postgres, DatabaseAvailability availability) {
        super(pool);
        this.pool = pool;
        this.postgres = postgres;
        this.availability = availability;
    }

    /** The pool itself, for the supervisor's own probe while the ledger is still marked out. */
    HikariDataSource pool() {
        return pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return super.getConnection(username, password);
    }

    private void refuseWhileDown() throws SQLTransientConnectionException {
        if (!availability.up() || !postmasterAlive()) {
            throw new SQLTransientConnectionException("the ledger's PostgreSQL is not running; it is being"
                    + " started again", "08001");
        }
    }

    /**
     * The postmaster's liveness, read at most once per {@link #LIVENESS_READ_EVERY_NANOS}: a read of
     * /proc on every borrow was a few percent of a single append's CPU, and a borrow made within a
     * few milliseconds of the postmaster dying fails on its dead connection just the same (as a
     * connection exception, answered 503).
     */
    private boolean postmasterAlive() {
        long now = System.nanoTime();
        if (now - livenessReadAt < LIVENESS_READ_EVERY_NANOS && alive) {
            return true;
        }
        alive = postgres.alive();
        livenessReadAt = now;
        return alive;
    }

    @Override
    public void close() {
        pool.close();
    }
}
