package org.agreementledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 started in-process from binaries on Maven Central, its data kept in a
 * directory that survives restarts. Durability is switched on: zonky turns fsync and synchronous
 * commit off by default, which a ledger cannot afford.
 */
public final class EmbeddedLedgerDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerDatabase.class);
    /** How long a start may take: the first one unpacks binaries and runs initdb. */
    public static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** Linux's view of processes, where a zombie can be told from a live process. */
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
    /** zonky's own lock file in the PostgreSQL data directory; a live owner holds it. */
    private static final String ZONKY_LOCK = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    /** Read once it runs: not a child of this JVM (pg_ctl starts it), so nothing else notices its death. */
    private final ProcessHandle postmaster;

    private EmbeddedLedgerDatabase(EmbeddedPostgres postgres, Path dataDir, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
    }

    /**
     * Starts PostgreSQL on {@code dataDir/postgres}, with binaries unpacked to
     * {@code dataDir/binaries}.
     */
    public static EmbeddedLedgerDatabase start(Path dataDir, int maxConnections) {
        return start(dataDir, maxConnections, 0);
    }

    /**
     * As {@link #start(Path, int)}, listening on {@code port} (0: any free port). A fixed port lets
     * clients that hold the URL reconnect after PostgreSQL is restarted on the same directory.
     */
    public static EmbeddedLedgerDatabase start(Path dataDir, int maxConnections, int port) {
        return start(dataDir, maxConnections, port, true, STARTUP_WAIT);
    }

    /**
     * As {@link #start(Path, int, int)}, giving up after {@code startupWait}; {@code shutdownHook} false leaves stopping PostgreSQL to the
     * caller's {@link #close()}. zonky's own hook stops it as soon as the JVM is asked to exit, in
     * parallel with the application's shutdown, so work still under way (a demo load) lost its
     * connection instead of finishing; the application closes it after everything that uses it.
     */
    public static EmbeddedLedgerDatabase start(Path dataDir, int maxConnections, int port, boolean shutdownHook,
                                               Duration startupWait) {
        return start(dataDir, maxConnections, port, shutdownHook, startupWait, Map.of());
    }

    /**
     * As {@link #start(Path, int, int, boolean, Duration)}, with {@code extraSettings} besides the
     * ledger's own server settings, which they may not change ({@link #checkExtraSettings}).
     */
    public static EmbeddedLedgerDatabase start(Path dataDir, int maxConnections, int port, boolean shutdownHook,
                                               Duration startupWait, Map<String, String> extraSettings) {
        checkExtraSettings(extraSettings, "");
        Path root = dataDir.toAbsolutePath().normalize();
        Path pgData = root.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            stopOrphanedPostmaster(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != 0) {
                builder.setPort(port);
            }
            builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(root.resolve("binaries").toFile())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // PostgreSQL's own remedy for commit stalls behind the kernel's writeback: backends
                    // ask for their writes to go out every 256kB (the checkpointer and background
                    // writer do by default; backends do not). After a bulk import 135 MB stayed dirty
                    // and the kernel flushed 95 MB at once 30 s later, stalling every commit's WAL
                    // flush (and the hash chain's lock held across it); with this, 53 MB.
                    .setServerConfig("backend_flush_after", "256kB")
                    .setServerConfig("max_connections", Integer.toString(maxConnections));
            extraSettings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setPGStartupWait(startupWait)
                    .setRegisterShutdownHook(shutdownHook)
                    .start();
            return new EmbeddedLedgerDatabase(postgres, root, postmasterOf(pgData));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData
                    + ": " + e.getMessage(), e);
        }
    }

    /** The server settings the ledger sets itself: durability and the connection limit are not configurable here. */
    static final Set<String> OWN_SETTINGS = Set.of("fsync", "synchronous_commit", "full_page_writes",
            "backend_flush_after", "max_connections");

    /**
     * Refuses extra settings that would change one of the ledger's own (a ledger that acknowledged
     * appends without flushing them would not be the record it claims to be), naming the setting as
     * {@code prefix} + its name.
     */
    static void checkExtraSettings(Map<String, String> extraSettings, String prefix) {
        for (String name : extraSettings.keySet()) {
            if (OWN_SETTINGS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(prefix + name + ": the ledger sets " + name
                        + " itself (" + String.join(", ", new java.util.TreeSet<>(OWN_SETTINGS))
                        + " are not configurable)");
            }
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster; {@code isAlive()} also tells a recycled pid from it (it compares start times). */
    public ProcessHandle postmaster() {
        return postmaster;
    }

    /**
     * Whether the postmaster runs. A killed one stays a zombie until its parent reaps it (init, since
     * pg_ctl has exited: about 2 s in a container), and {@link ProcessHandle#isAlive()} counts a zombie
     * as alive; on Linux its state in /proc tells.
     */
    public boolean postmasterAlive() {
        if (!postmaster.isAlive()) {
            return false;
        }
        if (!PROC) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(postmaster.pid()), "stat"));
            // "pid (command) state ...": the command may hold anything, the state follows its last ')'
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException unreadable) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After the JVM is killed, its PostgreSQL keeps running and the next start fails on
     * postmaster.pid. If nobody holds zonky's lock, that postmaster has no owner: stop it. If the
     * lock is held, a live ledger is using this directory and we must not touch it.
     */
    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(pgData.resolve(ZONKY_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new DataDirectoryInUseException(pgData.getParent());
            }
            lock.release();
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
        if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
            return; // a stale pid file: PostgreSQL clears it itself
        }
        log.warn("Stopping PostgreSQL (pid {}) left running by a ledger that did not shut down", postmaster.get().pid());
        postmaster.get().destroy(); // SIGTERM: with no clients left, PostgreSQL shuts down cleanly
        Instant deadline = Instant.now().plusSeconds(60);
        while (postmaster.get().isAlive() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (postmaster.get().isAlive()) {
            throw new IllegalStateException("PostgreSQL pid " + postmaster.get().pid() + " in " + pgData
                    + " did not stop within 60 s; stop it by hand");
        }
    }

    private static ProcessHandle postmasterOf(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        return readPid(pidFile).flatMap(ProcessHandle::of).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL started in " + pgData + " but " + pidFile + " names no running process"));
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(first));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL to stop", e);
        }
    }
}
