package org.agreementledger.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agreementledger.database.EmbeddedLedgerDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An embedded PostgreSQL the test controls: on a fixed loopback port so that applications keep
 * their URL across a restart, killed with SIGKILL as a power cut or an OOM killer would, and
 * started again on the same data directory.
 */
final class CrashablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedLedgerDatabase database;

    private CrashablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static CrashablePostgres start(Path dataDir) {
        CrashablePostgres postgres = new CrashablePostgres(dataDir, freePort());
        postgres.restart();
        return postgres;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String url() {
        return url("postgres");
    }

    /** Starts PostgreSQL on the same directory and port; recovery replays its write-ahead log. */
    void restart() {
        if (database != null) {
            throw new IllegalStateException("already running");
        }
        database = EmbeddedLedgerDatabase.start(dataDir, 200, port);
    }

    /** The postmaster's pid, from the first line of its postmaster.pid. */
    long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGKILL to the postmaster: no shutdown checkpoint, no goodbye to clients. Its backends notice
     * their parent is gone and exit. Then zonky's handle is closed (its pg_ctl stop finds nothing
     * to stop) so that the data directory's lock is free for the restart.
     */
    void kill() {
        long pid = postmasterPid();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.children().toList();
        postmaster.destroyForcibly();
        Instant deadline = Instant.now().plusSeconds(20);
        while ((postmaster.isAlive() || backends.stream().anyMatch(ProcessHandle::isAlive))
                && Instant.now().isBefore(deadline)) {
            pause(Duration.ofMillis(20));
        }
        if (postmaster.isAlive()) {
            throw new IllegalStateException("postmaster " + pid + " survived SIGKILL");
        }
        database.close();
        database = null;
    }

    boolean running() {
        return database != null;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /**
     * Waits until an application's pool answers again after a restart. HikariCP reconnects with a
     * back-off of its own (up to 5 s between attempts while the server was down), so just after the
     * restart a request can time out on the pool (3 s in these tests), with the last failed attempt
     * as its cause ("Connection refused", "not yet accepting connections"), though PostgreSQL is up.
     */
    static void awaitReconnected(JdbcTemplate jdbc, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                jdbc.queryForObject("select 1", Integer.class);
                return;
            } catch (DataAccessException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                pause(Duration.ofMillis(100));
            }
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
