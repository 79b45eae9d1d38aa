package org.agreementledger.reporting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the in-memory snapshot of the published report table current. It is read from the table
 * once (at the first report, and again only after a rebuild or when it cannot prove it is
 * current); from then on each batch the report projection commits is applied to it
 * ({@link #committed}), so counts and timelines answer from memory while the ledger is written.
 *
 * <p>Current means: it holds every change the read model's revision (V7__report_revision.sql) has
 * counted. A report reads the revision; a snapshot behind it waits while a batch of this
 * application is between its commit and its application here (microseconds, bounded by
 * {@code ledger.reports.snapshot-wait}); a change nobody here is committing (a rebuild publishing,
 * another instance's processor, a hand edit) cannot be applied, so the snapshot is set aside and
 * reloaded while reports answer from SQL. A load tells the batches its rows already hold from those
 * it does not by the database snapshot it read them in (their transaction ids), so a batch
 * committed during a load is applied exactly once. Changes pile up in an overlay that counts look
 * at beside the arrays; past {@code ledger.reports.fold-overlay-at} rows it is folded into new
 * arrays in the background.
 */
@Component
public class ReportSnapshots implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReportSnapshots.class);

    /** One number that grows with every committed change to the report tables; see V7__report_revision.sql. */
    private static final String REVISION = "select sum(changes)::bigint from report_revision";
    /** A fold catches up on the batches applied while it ran until a round finds at most this many... */
    private static final int CAUGHT_UP = 16;
    /** ...or this many rounds have passed (appends outrunning a starved thread): the swap applies the rest. */
    private static final int CATCH_UP_ROUNDS = 8;
    /** Rows a snapshot load fetches per round trip: the cursor keeps the load's own memory flat. */
    private static final int LOAD_FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final boolean inMemory;
    private final long waitNanos;
    private final long foldAt;
    /** Repeatable read: the revision and the rows of a load come from one database snapshot. */
    private final TransactionTemplate loadTransactions;
    private final JdbcTemplate streaming;
    /** Loads, one at a time; and folds, one at a time and never beside a load, on a thread of low priority. */
    private final ExecutorService worker;
    private final ExecutorService folder;
    /**
     * The fold under way, or made and waiting to be swapped in by the next batch applied: the swap
     * takes the writers' lock, which the fold's low-priority thread must not hold (a writer would
     * wait on it while the thread waits for a core). Null when no fold runs.
     */
    private volatile Folding folding;
    /** One load at a time, whoever asks (the worker, a test): each keeps the batches committed during it. */
    private final Object loads = new Object();

    // guarded by this
    // read without a lock by reports; written under `writes`, then announced on this monitor
    private volatile ReportSnapshot current;
    private volatile boolean unfit = true; // nothing loaded yet
    /**
     * Held by whoever replaces {@link #current} (a batch applied, a load installed, a fold swapped in),
     * so that each builds on the last; never by a report, which reads {@link #current} as it is and
     * waits on this object's monitor only when it is behind.
     */
    private final Object writes = new Object();
    private List<SnapshotChange> sinceLoadStarted;
    private int inFlight;
    private int setAsides;
    private long loadsDone;
    private long changesApplied;
    private long rowsApplied;
    private long applyNanos;
    private long folds;
    private long foldNanos;
    /** Counted by the fold's thread too, which takes no lock (see fold). */
    private final AtomicLong foldCatchUps = new AtomicLong();
    private final AtomicLong foldsLeftOut = new AtomicLong();
    private boolean working;
    /** The revision at which a load last failed: none is tried again before the revision moves. */
    private long unloadableAt = -1;
    /**
     * No load starts before this (System.nanoTime): one load's duration after the last one, so a
     * snapshot that keeps being set aside costs at most half a core in reloads.
     */
    private long nextLoadAfter = System.nanoTime();

    ReportSnapshots(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                    @Value("${ledger.reports.in-memory:true}") boolean inMemory,
                    @Value("${ledger.reports.snapshot-wait:1s}") Duration wait,
                    @Value("${ledger.reports.fold-overlay-at:4096}") long foldAt,
                    @Value("${ledger.reports.fold-niceness:19}") int foldNiceness) {
        this.jdbc = jdbc;
        this.inMemory = inMemory;
        this.waitNanos = wait.toNanos();
        this.foldAt = foldAt;
        this.loadTransactions = new TransactionTemplate(transactionManager);
        loadTransactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        loadTransactions.setReadOnly(true);
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(LOAD_FETCH_SIZE);
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "report-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        this.folder = Executors.newSingleThreadExecutor(task -> {
            // a fold can wait: it runs on what the writers leave of the cores (see committed for its swap)
            Thread thread = new Thread(() -> {
                BackgroundPriority.lowerCurrentThread(foldNiceness);
                task.run();
            }, "report-snapshot-fold");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lets a load under way finish before the database it reads is stopped (the embedded database closes after this bean). */
    @Override
    public void destroy() throws InterruptedException {
        folder.shutdownNow();
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }

    /** Whether the projection should describe its batches ({@link #committed}): only a snapshot in memory uses them. */
    boolean following() {
        return inMemory;
    }

    /** The projection is about to commit a batch: a report that finds the revision ahead waits for it. */
    synchronized void preparing() {
        inFlight++;
    }

    /** The batch announced by {@link #preparing} has committed: apply it. */
    void committed(SnapshotChange change) {
        boolean fold = false;
        synchronized (writes) {
            synchronized (this) {
                if (sinceLoadStarted != null) {
                    sinceLoadStarted.add(change);
                }
            }
            ReportSnapshot from = current;
            if (from != null && !unfit) {
                // made outside this object's monitor: reports go on answering from the snapshot before it
                long started = System.nanoTime();
                try {
                    ReportSnapshot next = withFoldIn(from).with(change);
                    fold = next.overlay().rows() >= Math.max(foldAt, next.arrays().size() / 64);
                    synchronized (this) {
                        current = next;
                        changesApplied++;
                        rowsApplied += change.rows();
                        applyNanos += System.nanoTime() - started;
                    }
                    // after current is set: a fold that starts now either sees this batch in the
                    // snapshot it folds or finds it here (see fold)
                    Folding running = folding;
                    if (running != null) {
                        running.applied.add(new Applied(next.revision(), change));
                    }
                } catch (ReportSnapshot.Unfit reason) {
                    setAside(reason.getMessage());
                }
            }
        }
        synchronized (this) {
            notifyAll();
        }
        if (fold) {
            submit(folder, this::fold);
        }
    }

    /** A batch applied while a fold ran, and the revision it brought the snapshot to. */
    private record Applied(long revision, SnapshotChange change) {
    }

    /**
     * A fold: the snapshot it folds, the batches applied since it started (in the order applied, so
     * by revision), and once made, the folded snapshot with as many of them applied as the fold's
     * thread caught up on.
     */
    private static final class Folding {
        final Queue<Applied> applied = new ConcurrentLinkedQueue<>();
        volatile ReportSnapshot from;
        volatile ReportSnapshot made;
        volatile long foldNanos;
    }

    /**
     * {@code snapshot} on the new arrays of a fold made from its arrays, if one is waiting: the folded
     * snapshot with the few batches applied since the fold's thread last caught up. Under
     * {@code writes}.
     */
    private ReportSnapshot withFoldIn(ReportSnapshot snapshot) {
        Folding waiting = folding;
        if (waiting == null || waiting.made == null) {
            return snapshot;
        }
        folding = null;
        if (snapshot.arrays() != waiting.from.arrays()) {
            leftOut("the snapshot was reloaded while it ran");
            return snapshot;
        }
        long started = System.nanoTime();
        ReportSnapshot rebased;
        try {
            rebased = caughtUp(waiting.made, waiting.applied);
        } catch (ReportSnapshot.Unfit reason) {
            leftOut("a batch applied while it ran does not fit its arrays: " + reason.getMessage());
            return snapshot;
        }
        if (rebased.revision() != snapshot.revision()) {
            leftOut("it caught up to revision " + rebased.revision() + " of " + snapshot.revision());
            return snapshot;
        }
        long swapNanos = System.nanoTime() - started;
        synchronized (this) {
            folds++;
            foldNanos += waiting.foldNanos + swapNanos;
        }
        log.debug("report snapshot: fold swapped in at revision {}, in {} µs", rebased.revision(), swapNanos / 1_000);
        return rebased;
    }

    /** {@code snapshot} with the batches of {@code applied} after its revision; counted in foldCatchUps. */
    private ReportSnapshot caughtUp(ReportSnapshot snapshot, Queue<Applied> applied) throws ReportSnapshot.Unfit {
        ReportSnapshot caughtUp = snapshot;
        for (Applied batch : applied) {
            if (batch.revision() > caughtUp.revision()) {
                caughtUp = caughtUp.with(batch.change());
            }
        }
        foldCatchUps.addAndGet(caughtUp.revision() - snapshot.revision());
        return caughtUp;
    }

    /** A fold made but not swapped in, and why. */
    private void leftOut(String why) {
        foldsLeftOut.incrementAndGet();
        log.info("report snapshot: a fold left out, {}", why);
    }

    /** The batch announced by {@link #preparing} is over, committed or not. */
    synchronized void finished() {
        inFlight--;
        notifyAll();
    }

    /**
     * The snapshot, if it holds every change the read model's revision counts now; else null (and
     * a reload starts), for the caller to answer from SQL.
     */
    ReportSnapshot current() {
        if (!inMemory) {
            return null;
        }
        long revision = revision();
        ReportSnapshot now = current;
        if (now != null && !unfit && now.revision() >= revision) {
            return now;
        }
        synchronized (this) {
            long deadline = System.nanoTime() + waitNanos;
            while (current != null && !unfit && current.revision() < revision && inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (current != null && !unfit && current.revision() >= revision) {
                return current;
            }
            if (current != null && !unfit) {
                setAside("the read model is at revision " + revision + ", the snapshot at " + current.revision()
                        + (inFlight > 0 ? " after waiting for this application's batches" : "; no batch of this"
                        + " application accounts for the difference"));
            }
            if (revision != unloadableAt && System.nanoTime() - nextLoadAfter >= 0 && !working) {
                submit(() -> loadOrRemember(revision));
            }
            return null;
        }
    }

    /** Sets the snapshot aside (reports answer from SQL until it is reloaded), saying why in the log. */
    synchronized void setAside(String reason) {
        if (current == null || unfit) {
            return;
        }
        unfit = true;
        setAsides++;
        log.info("report snapshot set aside until it is reloaded ({}); reports answer from SQL meanwhile", reason);
    }

    long revision() {
        return jdbc.queryForObject(REVISION, Long.class);
    }

    /** How many times a snapshot was set aside (for tests: a snapshot that follows every batch never is). */
    synchronized int setAsides() {
        return setAsides;
    }

    /** What the snapshot has cost and holds so far: for the benchmark and the logs. */
    public synchronized SnapshotStatistics statistics() {
        return new SnapshotStatistics(loadsDone, changesApplied, rowsApplied, applyNanos, folds, foldNanos,
                foldCatchUps.get(), foldsLeftOut.get(), setAsides,
                current == null ? 0 : current.arrays().size(), current == null ? 0 : current.overlay().rows(),
                current == null ? 0 : current.arrays().bytes());
    }

    /** The snapshot as it is, current or not: for tests and the bench. */
    synchronized ReportSnapshot snapshot() {
        return current;
    }

    /**
     * Waits until counts and timelines answer from a current snapshot (starting a load if none
     * runs): for a caller that wants the first answers fast, such as the benchmark. False if the
     * timeout passed first, or the snapshot is switched off.
     */
    boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current() == null) {
            if (!inMemory || System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void submit(Runnable task) {
        submit(worker, task);
    }

    private synchronized void submit(ExecutorService executor, Runnable task) {
        if (working) {
            return;
        }
        working = true;
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    synchronized (this) {
                        working = false;
                    }
                }
            });
        } catch (RuntimeException rejected) { // shutting down
            working = false;
        }
    }

    private void loadOrRemember(long revision) {
        try {
            load();
        } catch (RuntimeException failed) {
            // not again until the read model changes: a snapshot that cannot hold these rows (see
            // InForceIndex.Builder) would fail the same way on every query
            synchronized (this) {
                unloadableAt = revision;
            }
            log.warn("report snapshot not loaded; reports answer from SQL until the read model changes", failed);
        }
    }

    /**
     * Reads the published generation in one repeatable-read transaction, applies the batches
     * committed since that transaction's database snapshot, and makes it the current snapshot.
     */
    ReportSnapshot load() {
        synchronized (loads) {
            return loadNow();
        }
    }

    private ReportSnapshot loadNow() {
        long started = System.nanoTime();
        synchronized (this) {
            sinceLoadStarted = new ArrayList<>();
        }
        try {
            Loaded loaded = loadTransactions.execute(status -> read());
            ReportSnapshot snapshot;
            synchronized (writes) {
                synchronized (this) {
                    snapshot = ReportSnapshot.of(loaded.arrays(), loaded.revision(), loaded.generation());
                    boolean fits = true;
                    for (SnapshotChange change : sinceLoadStarted) {
                        if (!loaded.holds(change.transactionId())) {
                            try {
                                snapshot = snapshot.with(change);
                            } catch (ReportSnapshot.Unfit reason) {
                                fits = false;
                                log.info("report snapshot loaded but a batch committed meanwhile does not fit: {}",
                                        reason.getMessage());
                            }
                        }
                    }
                    current = snapshot;
                    unfit = !fits;
                    loadsDone++;
                    notifyAll();
                }
            }
            long finished = System.nanoTime();
            synchronized (this) {
                nextLoadAfter = finished + (finished - started);
            }
            InForceIndex arrays = loaded.arrays();
            log.info("report snapshot loaded: {} versions ({} corners) at revision {} in {} ms ({} ms of them making"
                            + " the corners; {} MB of arrays)", arrays.size(), arrays.corners(), snapshot.revision(),
                    (finished - started) / 1_000_000, arrays.cornersMs(), arrays.bytes() / (1024 * 1024));
            return snapshot;
        } finally {
            synchronized (this) {
                sinceLoadStarted = null;
            }
        }
    }

    /** What one load read, and the database snapshot it read it in. */
    private record Loaded(InForceIndex arrays, long revision, int generation, DatabaseSnapshot seen) {
        boolean holds(long transactionId) {
            return seen.sees(transactionId);
        }
    }

    private Loaded read() {
        Object[] head = jdbc.queryForObject("select (" + REVISION + "), pg_current_snapshot()::text, "
                + ReportGenerations.PUBLISHED, (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getInt(3)});
        long revision = (Long) head[0];
        InForceIndex.Builder builder = new InForceIndex.Builder(revision);
        streaming.query("select " + SnapshotVersion.COLUMNS + """

                from report_agreement_version
                where not isempty(valid) and not isempty(known) and generation = ?""",
                (RowCallbackHandler) row -> builder.add(SnapshotVersion.read(row)), head[2]);
        return new Loaded(builder.build(), revision, (Integer) head[2], DatabaseSnapshot.parse((String) head[1]));
    }

    /**
     * Folds the overlay into new arrays off the request path, at low priority, then applies to them
     * the batches applied meanwhile, again until few are left; the next batch applied swaps the
     * result in (withFoldIn), applying those few. So the swap costs a writer microseconds: rebasing
     * the whole overlay there took 24 to 41 ms at a million agreements, every writer waiting.
     */
    private void fold() {
        if (folding != null) {
            return; // one made and not swapped in yet
        }
        Folding made = new Folding();
        // before reading current (both volatile, no lock this thread could be starved holding): a writer
        // that sets current after this read finds the fold and adds its batch to made.applied
        folding = made;
        ReportSnapshot from = current;
        if (from == null || unfit) {
            folding = null;
            return;
        }
        made.from = from;
        log.debug("report snapshot: folding {} overlay rows into {} versions", from.overlay().rows(), from.arrays().size());
        long started = System.nanoTime();
        ReportSnapshot folded = from.folded();
        try {
            for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
                ReportSnapshot before = folded;
                folded = caughtUp(folded, made.applied);
                if (folded.revision() - before.revision() <= CAUGHT_UP) {
                    break;
                }
            }
        } catch (ReportSnapshot.Unfit reason) {
            folding = null;
            leftOut("a batch applied while it ran does not fit its arrays: " + reason.getMessage());
            return;
        }
        made.foldNanos = System.nanoTime() - started;
        made.made = folded;
        log.debug("report snapshot: {} overlay rows folded into {} versions in {} ms", from.overlay().rows(),
                folded.arrays().size(), made.foldNanos / 1_000_000);
    }
}
