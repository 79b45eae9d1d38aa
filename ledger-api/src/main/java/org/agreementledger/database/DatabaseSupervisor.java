package org.agreementledger.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the embedded PostgreSQL and starts it again when it dies. Its postmaster is not a child of
 * this JVM (pg_ctl starts it), so nothing else would notice: every request waited 30 s for a
 * connection and failed with a 500 until someone restarted the service.
 *
 * <p>Every {@code check-every} it asks whether the postmaster lives. When it has died, the ledger is
 * marked out ({@link DatabaseAvailability}: requests that need the database are answered 503 at once),
 * PostgreSQL is started again on the same data directory and port (crash recovery replays its
 * write-ahead log, so nothing committed is lost) until it starts or {@code restart-within} has passed,
 * the pool drops its dead connections, and once a connection answers the ledger is marked up again.
 * If it does not start in time the service exits with status 1, so that whatever supervises it
 * (systemd, Kubernetes, a shell loop) starts it afresh: a ledger that cannot reach its data is better
 * restarted than left half alive.
 */
final class DatabaseSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSupervisor.class);
    private static final Duration BETWEEN_ATTEMPTS = Duration.ofMillis(500);

    private final SupervisedPostgres postgres;
    private final DataSource dataSource;
    private final DatabaseAvailability availability;
    private final LedgerDatabaseProperties.Supervision settings;
    private final IntConsumer exit;
    private volatile Thread watcher;

    DatabaseSupervisor(SupervisedPostgres postgres, DataSource dataSource, DatabaseAvailability availability,
                       LedgerDatabaseProperties.Supervision settings, IntConsumer exit) {
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.availability = availability;
        this.settings = settings;
        this.exit = exit;
    }

    @Override
    public synchronized void start() {
        Thread thread = new Thread(this::watch, "ledger-database-supervisor");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** Stopped early in a shutdown (just after a demo load): PostgreSQL stopping then is no death. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    private void watch() {
        try {
            while (watcher == Thread.currentThread()) {
                Thread.sleep(settings.checkEvery().toMillis());
                if (!postgres.alive() && !postgres.closed() && watcher == Thread.currentThread()) {
                    recover(postgres.postmaster());
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void recover(ProcessHandle dead) throws InterruptedException {
        String what = "the ledger's PostgreSQL (pid " + dead.pid() + ") stopped unexpectedly";
        availability.down(what);
        log.error("{}; requests that need it are answered 503 while it is started again on {}", what,
                postgres.dataDir());
        Instant started = Instant.now();
        Instant deadline = started.plus(settings.restartWithin());
        try {
            restartBy(deadline);
            reconnectBy(deadline);
        } catch (RestartFailed e) {
            availability.restartFailed();
            log.error("Could not start the ledger's PostgreSQL again within {} s ({}); exiting with status 1 so"
                    + " that the service is restarted", settings.restartWithin().toSeconds(), e.getMessage());
            exit.accept(1);
            return;
        }
        availability.restored();
        log.warn("The ledger's PostgreSQL was restarted (pid {}) and answers again, {} ms after its death was"
                + " noticed", postgres.postmaster().pid(), Duration.between(started, Instant.now()).toMillis());
    }

    /**
     * Old backends may outlive their postmaster for a moment and hold its shared memory, which makes a
     * new postmaster refuse to start: it is tried again until the deadline.
     */
    private void restartBy(Instant deadline) throws InterruptedException {
        while (true) {
            try {
                Duration left = Duration.between(Instant.now(), deadline);
                postgres.restart(left.isNegative() ? Duration.ofSeconds(1) : left);
                return;
            } catch (RuntimeException e) {
                if (postgres.closed() || Instant.now().isAfter(deadline)) {
                    throw new RestartFailed(e.getMessage());
                }
                log.warn("PostgreSQL did not start yet ({}); trying again", e.getMessage());
                Thread.sleep(BETWEEN_ATTEMPTS.toMillis());
            }
        }
    }

    /** The pool's connections died with the server: drop them, and wait until a new one answers. */
    private void reconnectBy(Instant deadline) throws InterruptedException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new RestartFailed("PostgreSQL started but no connection answers: " + e.getMessage());
                }
            }
            Thread.sleep(BETWEEN_ATTEMPTS.toMillis());
        }
    }

    private static final class RestartFailed extends RuntimeException {
        RestartFailed(String message) {
            super(message);
        }
    }
}
