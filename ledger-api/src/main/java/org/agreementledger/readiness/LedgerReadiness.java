package org.agreementledger.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger may answer reports yet: {@code READY}, {@code LOADING} (and how far the loading
 * has got) or {@code FAILED} (and why). While it is not ready, reports, agreements and agencies
 * answer 503 with a problem document saying so ({@link LoadingGate}), {@code GET /api/status} tells
 * the state and progress, and the report page shows a banner until it can load its figures: a
 * half-loaded ledger never answers a silent zero.
 *
 * <p>A start-up task ({@link LedgerStartupTask}, run by {@link StartupTasks}) reports through the
 * {@link Loading} it is handed. Other code may drive this directly:
 * <pre>{@code
 * LedgerReadiness.Loading loading = readiness.loading("loading ICE's archive");
 * loading.start("ICE's archive", files.size());      // as a Progress, it counts files
 * for (int i = 0; i < files.size(); i++) {
 *     importer.importFile(files.get(i), name, null, loading.rows());   // the file's own phases
 *     loading.advance(i + 1);
 * }
 * loading.finish();
 * readiness.ready();                                  // or readiness.failed("why")
 * }</pre>
 * Rows are the steps of the file's phases named {@code "read …"}
 * ({@link PublicationImporter#READ_PHASE}: the importer reading a sheet, one step a row); the time
 * left is estimated from the pace of the files done so far.
 */
@Component
public class LedgerReadiness {

    public enum State { LOADING, READY, FAILED }

    private static final Logger log = LoggerFactory.getLogger(LedgerReadiness.class);

    private final LongSupplier nanoTime;
    private State state;
    private String task;
    private String reason;
    private Instant since = Instant.now();
    /** The loading under way (or that failed); null before a task reports, and once ready. */
    private Loading loading;

    @Autowired
    LedgerReadiness(List<LedgerStartupTask> tasks) {
        this(tasks, System::nanoTime);
    }

    /** With the clock that times the progress (tests). */
    LedgerReadiness(List<LedgerStartupTask> tasks, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        // Not ready from the very start when work is waiting to run: this bean exists before the web
        // server listens, and the tasks start only after it does.
        this.state = tasks.isEmpty() ? State.READY : State.LOADING;
        this.task = tasks.isEmpty() ? null : tasks.get(0).description();
    }

    public synchronized boolean isReady() {
        return state == State.READY;
    }

    /** The state and progress now, as one picture. */
    public synchronized Status status() {
        Loading current = loading;
        if (current == null) {
            return new Status(state, task, reason, since, 0, 0, null, 0, 0, 0, 0, null);
        }
        long files = current.filesDone;
        long total = current.filesTotal;
        double seconds = Math.max((nanoTime.getAsLong() - current.startedNanos) / 1e9, 1e-3);
        long rows = current.rowsBefore + (current.readingRows ? current.phaseDone : 0);
        Duration left = state == State.LOADING && files > 0 && total > files
                ? Duration.ofMillis((long) ((total - files) * (seconds / files) * 1000)) : null;
        return new Status(state, task, reason, since, files, total, current.phase, current.phaseDone,
                current.phaseTotal, rows, rows / seconds, left);
    }

    /** The ledger is loading: {@code what} it is doing, as people should read it ("loading ICE's archive"). */
    public synchronized Loading loading(String what) {
        state = State.LOADING;
        task = what;
        reason = null;
        since = Instant.now();
        loading = new Loading(nanoTime.getAsLong());
        log.info("Not ready: {}", what);
        return loading;
    }

    public synchronized void ready() {
        if (state == State.LOADING && task != null) {
            log.info("Ready: {} done", task);
        }
        state = State.READY;
        reason = null;
        since = Instant.now();
        loading = null;
    }

    /** Loading failed for {@code reason}: reports stay unavailable, saying why, until the ledger is restarted. */
    public synchronized void failed(String reason) {
        state = State.FAILED;
        this.reason = reason;
        since = Instant.now();
        log.error("Not ready: {} failed: {}", task == null ? "loading" : task, reason);
    }

    /**
     * How far the loading has got. As a {@link Progress} it counts the whole in files: start with the
     * number of files, advance by the files done. {@link #rows()} is the Progress of the file under
     * way, to hand to the importer.
     */
    public static final class Loading implements Progress {

        private final long startedNanos;
        private volatile long filesDone;
        private volatile long filesTotal;
        private volatile String phase;
        private volatile long phaseDone;
        private volatile long phaseTotal;
        /** Rows of the read phases finished; the current one's are {@code phaseDone}. */
        private volatile long rowsBefore;
        private volatile boolean readingRows;

        private Loading(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        /** The whole is {@code total} files ({@code name} is not shown: the loading's description is). */
        @Override
        public void start(String name, long total) {
            filesTotal = total;
            filesDone = 0;
        }

        @Override
        public void advance(long done) {
            filesDone = done;
        }

        @Override
        public void finish() {
            filesTotal = Math.max(filesTotal, filesDone);
        }

        /** The Progress of the work within the current file: its phases, and the rows it reads. */
        public Progress rows() {
            return new Progress() {
                @Override
                public synchronized void start(String name, long total) {
                    if (readingRows) {
                        rowsBefore += phaseDone;
                    }
                    readingRows = name.startsWith(PublicationImporter.READ_PHASE);
                    phaseDone = 0;
                    phaseTotal = total;
                    phase = name;
                }

                @Override
                public void advance(long done) {
                    phaseDone = done;
                }

                @Override
                public void finish() {
                    phaseTotal = Math.max(phaseTotal, phaseDone);
                }
            };
        }
    }

    /**
     * The state and progress at one moment, as {@code GET /api/status} answers it.
     *
     * @param task          what the ledger is (or was) doing; null when it had nothing to do
     * @param reason        why loading failed; null unless {@code FAILED}
     * @param since         when it entered this state
     * @param filesDone     files done, of {@code filesTotal} (both 0 until the task says)
     * @param phase         the phase under way within the current file ("read x.xlsx"), or null
     * @param rows          rows read so far
     * @param rowsPerSecond rows read a second since loading began
     * @param eta           the time left at the pace of the files done so far; null until one is done
     */
    public record Status(State state, String task, String reason, Instant since, long filesDone, long filesTotal,
                         String phase, long phaseDone, long phaseTotal, long rows, double rowsPerSecond,
                         Duration eta) {

        /** In plain words: "loading ICE's archive: 37 of 124 files, 2,345 rows/s, about 0:01:10 left". */
        public String message() {
            String doing = task == null ? "loading" : task;
            return switch (state) {
                case READY -> "ready";
                case FAILED -> doing + " failed" + (filesTotal > 0
                        ? String.format(Locale.ROOT, " after %,d of %,d files", filesDone, filesTotal) : "")
                        + ": " + reason;
                case LOADING -> {
                    StringBuilder text = new StringBuilder(doing);
                    if (filesTotal > 0) {
                        text.append(String.format(Locale.ROOT, ": %,d of %,d files", filesDone, filesTotal));
                    } else {
                        text.append(": starting");
                    }
                    if (rows > 0) {
                        text.append(String.format(Locale.ROOT, ", %,.0f rows/s", rowsPerSecond));
                    }
                    if (eta != null) {
                        long s = eta.toSeconds();
                        text.append(String.format(Locale.ROOT, ", about %d:%02d:%02d left", s / 3600, s / 60 % 60,
                                s % 60));
                    }
                    yield text.toString();
                }
            };
        }
    }
}
