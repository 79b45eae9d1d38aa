package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.IceSheet;
import org.agreementledger.importing.IceSheetReader;
import org.agreementledger.importing.app.ManifestImporter;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.PublicationKind;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.progress.Progress;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.reporting.ReportProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The archive phase: ICE's vendored archive ({@code archive/ice/MANIFEST.csv}) as the ledger meets it
 * on a first start, run once per {@code bench/run} (not per size: it does not depend on one).
 *
 * <ol>
 *   <li><b>Import</b>: {@link ManifestImporter#importManifest} of the whole manifest into a fresh ledger
 *   (embedded PostgreSQL in a temporary directory, no web server), timed from the call to the reports
 *   having taken in every event: rows/s end to end, with where the time went (checking every file's
 *   identity and date, the importer's own reading of the rows, its appends, the rest). Baseline, in
 *   the same run and first, after one warm-up read: reading the same files only (SHA-256 identity and
 *   every row parsed, as the importer reads them), timed per file and summed over exactly the files the
 *   import read (imported or held; not refused).</li>
 *   <li><b>First page</b>: {@code bin/ledger serve --data-dir DIR --port P} launched as a separate
 *   process on a fresh data directory (unpacking PostgreSQL included; {@code LEDGER_ARCHIVE_MANIFEST}
 *   the manifest), timed from the launch to {@code /} served (the loading banner) and to the first page
 *   whose figures are served (status ready, {@code /api/reports/counts} 200); then a restart on the same
 *   directory (nothing new to import). See {@link FirstPage}. Baselines in the same run: the launcher
 *   alone ({@code bin/ledger --version}: the script, the JVM and the jar, no application context), and
 *   for the time from the page to the figures, the in-process import above.</li>
 * </ol>
 */
final class ArchiveBench {

    /** How long a served ledger may take to serve its figures before the run fails. */
    static final Duration SERVE_TIMEOUT = Duration.ofMinutes(20);

    private final Path manifestPath;
    private final Path launcher;
    private final HeapSampler heap = new HeapSampler();
    private final Map<String, Object> heapByPhase = new LinkedHashMap<>();
    private final Progress progress = TerminalProgress.onStderr(new PrintWriter(System.err, true));

    /**
     * @param manifestPath the archive's manifest
     * @param launcher     {@code bin/ledger}, or null to leave the first-page figures out
     */
    ArchiveBench(Path manifestPath, Path launcher) {
        this.manifestPath = manifestPath.toAbsolutePath().normalize();
        this.launcher = launcher == null ? null : launcher.toAbsolutePath().normalize();
    }

    Map<String, Object> measure() throws Exception {
        try {
            PublicationManifest manifest = PublicationManifest.read(manifestPath);
            Bench.note("ICE's archive: " + manifest.entries().size() + " files listed in " + manifestPath);
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, FileRead> read = readBaseline(manifest);
            Map<String, Object> imported = importArchive(manifest, read);
            figures.put("import", imported);
            if (launcher != null) {
                figures.put("firstPage", firstPage(((Number) imported.get("seconds")).doubleValue()));
            }
            figures.put("heapMb", heapByPhase);
            return figures;
        } finally {
            heap.close();
        }
    }

    // ---- import and its baseline ----------------------------------------------------------------

    /** One file read by the baseline: its rows and how long reading it took. */
    record FileRead(long rows, long nanos) {
    }

    /** Every listed file read only, each timed: identity (SHA-256 of the bytes, the name's date), then every row. */
    private Map<String, FileRead> readBaseline(PublicationManifest manifest) {
        List<PublicationManifest.Entry> entries = manifest.entries().stream()
                .filter(entry -> Files.isRegularFile(entry.file())).toList();
        // warm-up: every file read once, untimed, so that neither side pays for the JIT compiling the
        // reader (with one file read first, the timed read came out slower than the import's two reads)
        progress.start("warm-up: read the archive's files once", entries.size());
        int warm = 0;
        for (PublicationManifest.Entry entry : entries) {
            readOnly(entry);
            progress.advance(++warm);
        }
        progress.finish();
        heap.reset();
        progress.start("baseline: read the archive's files only", entries.size());
        Map<String, FileRead> read = new TreeMap<>();
        int done = 0;
        for (PublicationManifest.Entry entry : entries) {
            long started = System.nanoTime();
            long rows = readOnly(entry);
            if (read.put(entry.fileName(), new FileRead(rows, System.nanoTime() - started)) != null) {
                throw new IllegalStateException("the manifest lists " + entry.fileName() + " twice; the baseline"
                        + " matches files to the import's reports by name");
            }
            progress.advance(++done);
        }
        progress.finish();
        phaseHeap("archiveReadBaseline");
        return read;
    }

    /** Reads a file as the importer does: its identity, then every line (rows and unreadable rows alike). */
    static long readOnly(PublicationManifest.Entry entry) {
        Publication identity = Publication.of(entry.file(), entry.naming());
        long lines = 0;
        try (IceSheet<?> sheet = identity.kind() == PublicationKind.PENDING ? IceSheetReader.pending(entry.file())
                : IceSheetReader.participating(entry.file(), identity.publishedOn())) {
            while (sheet.hasNext()) {
                sheet.next();
                lines++;
            }
        } catch (RuntimeException refused) {
            // a sheet the reader refuses (no SIGNED column, say) is held or refused by the import too
            return lines;
        }
        return lines;
    }

    private Map<String, Object> importArchive(PublicationManifest manifest, Map<String, FileRead> read)
            throws IOException {
        Path dataDir = Files.createTempDirectory("ledger-bench-archive-");
        try {
            Bench.note("starting a fresh ledger for the archive in " + dataDir);
            try (ConfigurableApplicationContext ledger = Bench.startLedger(dataDir)) {
                ManifestImporter importer = ledger.getBean(ManifestImporter.class);
                ReportProcessor reports = ledger.getBean(ReportProcessor.class);
                PhaseClock files = new PhaseClock();
                PhaseClock perFile = new PhaseClock();
                heap.reset();
                long started = System.nanoTime();
                List<ImportReport> imported = importer.importManifest(manifest, Progress.both(files, progress),
                        perFile);
                long importedAt = System.nanoTime();
                reports.awaitCaughtUp(Duration.ofMinutes(10));
                long caughtUpAt = System.nanoTime();
                phaseHeap("archiveImport");
                long events = ledger.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from domainevententry", Long.class);

                Map<String, Long> outcomes = new TreeMap<>();
                imported.forEach(report -> outcomes.merge(report.outcome(), 1L, Long::sum));
                // the files the import read whole: imported or held (a refused file was not, and a file
                // already imported is not read again); the baseline is summed over exactly these
                long rows = 0;
                long baselineRows = 0;
                long baselineNanos = 0;
                int baselineFiles = 0;
                List<String> refused = new ArrayList<>();
                for (ImportReport report : imported) {
                    if (ImportReport.IMPORTED.equals(report.outcome()) || ImportReport.HELD.equals(report.outcome())) {
                        rows += report.rowsRead();
                        FileRead baseline = read.get(report.fileName());
                        if (baseline == null) {
                            throw new IllegalStateException("the baseline did not read " + report.fileName());
                        }
                        baselineRows += baseline.rows();
                        baselineNanos += baseline.nanos();
                        baselineFiles++;
                    } else if (ImportReport.REFUSED.equals(report.outcome())) {
                        refused.add(report.fileName() + ": " + report.reason());
                    }
                }
                double seconds = (caughtUpAt - started) / 1e9;
                double baselineSeconds = baselineNanos / 1e9;
                double importLoop = files.seconds("import");
                double reading = perFile.seconds("read");
                double appending = perFile.seconds("append") + perFile.seconds("hold");

                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("manifest", manifest.path().toString());
                figure.put("files", manifest.entries().size());
                figure.put("outcomes", outcomes);
                if (!refused.isEmpty()) {
                    figure.put("refused", refused);
                }
                figure.put("rows", rows);
                figure.put("events", events);
                figure.put("seconds", round(seconds, 2));
                figure.put("rowsPerSecond", round(rows / seconds, 0));
                // where the time went, from the importer's own progress phases
                figure.put("checkSeconds", round(files.seconds("check"), 2));
                figure.put("importSeconds", round(importLoop, 2));
                figure.put("importReadSeconds", round(reading, 2));
                figure.put("importAppendSeconds", round(appending, 2));
                figure.put("importDiffAndOtherSeconds", round(importLoop - reading - appending, 2));
                figure.put("catchUpSeconds", round((caughtUpAt - importedAt) / 1e9, 2));
                figure.put("baseline", "reading the same files only (SHA-256 identity and every row parsed once),"
                        + " timed per file, summed over the files the import read");
                figure.put("baselineFiles", baselineFiles);
                figure.put("baselineRows", baselineRows);
                figure.put("baselineSeconds", round(baselineSeconds, 2));
                figure.put("baselineRowsPerSecond", round(baselineRows / baselineSeconds, 0));
                figure.put("ratio", round((rows / seconds) / (baselineRows / baselineSeconds), 3));
                return figure;
            }
        } finally {
            Bench.delete(List.of(dataDir));
        }
    }

    /** Time spent in each kind of phase a {@link Progress} is told of, by the label's first word. */
    static final class PhaseClock implements Progress {

        private final Map<String, Long> nanos = new TreeMap<>();
        private String phase;
        private long startedAt;

        @Override
        public void start(String label, long total) {
            finish();
            phase = label.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            startedAt = System.nanoTime();
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
            if (phase != null) {
                nanos.merge(phase, System.nanoTime() - startedAt, Long::sum);
                phase = null;
            }
        }

        double seconds(String kind) {
            return nanos.getOrDefault(kind, 0L) / 1e9;
        }
    }

    // ---- the first served page ------------------------------------------------------------------

    private Map<String, Object> firstPage(double importSeconds) throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + " (run the bench from the repository root)");
        }
        Path work = Files.createTempDirectory("ledger-bench-serve-");
        try {
            Path dataDir = work.resolve("data");
            Path log = work.resolve("serve.log");
            Map<String, String> environment = Map.of("LEDGER_ARCHIVE_MANIFEST", manifestPath.toString());

            // baseline: the launcher alone; the first call also builds the jar if it is stale, and
            // brings it into the page cache as a person's second command would find it
            launcherOnly(log);
            long started = System.nanoTime();
            launcherOnly(log);
            double launcherSeconds = (System.nanoTime() - started) / 1e9;

            FirstPage page = new FirstPage(progress);
            int port = FirstPage.freePort();
            Bench.note("bin/ledger serve on a fresh data directory " + dataDir + ", port " + port);
            int logLines = Files.readAllLines(log).size();
            Map<String, Object> fresh = page.measure("serve, fresh data directory", serve(dataDir, port),
                    environment, port, log, SERVE_TIMEOUT);
            fresh.put("log", fromLog(log, logLines));
            port = FirstPage.freePort();
            Bench.note("bin/ledger serve again on the same data directory, port " + port);
            logLines = Files.readAllLines(log).size();
            Map<String, Object> restart = page.measure("serve, restart", serve(dataDir, port), environment, port,
                    log, SERVE_TIMEOUT);
            restart.put("log", fromLog(log, logLines));
            // a launch that built the jar measured Maven, not the ledger: only the warm-up call may build
            long builds = Files.readAllLines(log).stream().filter(line -> line.startsWith("ledger: building")).count();
            if (builds > 1) {
                throw new IllegalStateException(launcher + " built the jar " + builds + " times: a timed launch"
                        + " included a build (is a source newer than ledger-api/target/ledger.jar after building?)");
            }

            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("command", "bin/ledger serve --data-dir DIR --port PORT (LEDGER_ARCHIVE_MANIFEST="
                    + manifestPath.getFileName() + ")");
            figure.put("pollMs", FirstPage.POLL_MS);
            figure.put("fresh", fresh);
            figure.put("restart", restart);
            figure.put("baseline", "bin/ledger --version: the launcher, the JVM and the jar, no application"
                    + " context (the floor of any command)");
            figure.put("baselineSeconds", round(launcherSeconds, 2));
            figure.put("importBaseline", "the in-process import of the same archive in this run (the floor of the"
                    + " time from the page to its figures on a fresh data directory)");
            figure.put("importBaselineSeconds", round(importSeconds, 2));
            figure.put("freshPageToFiguresOverImport", round(((Number) fresh.get("pageToFiguresSeconds"))
                    .doubleValue() / importSeconds, 3));
            return figure;
        } finally {
            Bench.delete(List.of(work));
        }
    }

    private static final Pattern STARTED = Pattern.compile("^(\\S+Z) .*Started LedgerApplication in \\S+ seconds"
            + " \\(process running for ([0-9.]+)\\)");
    private static final Pattern DATABASE = Pattern.compile("^(\\S+Z) .*Starting the embedded PostgreSQL");
    private static final Pattern PHASE_DONE = Pattern.compile("^(check|import) \\S+.*\\s in (\\d+):(\\d\\d):(\\d\\d)$");

    /**
     * Where the served ledger's own time went, from its log (its lines from {@code fromLine} on): the
     * JVM's start to the embedded database's start, that to the application started (unpacking and
     * starting PostgreSQL, migrations, the rest of the context), as Spring's and the ledger's log lines
     * are stamped; and its archive's check and import phases as its progress lines end (whole seconds).
     */
    static Map<String, Object> fromLog(Path log, int fromLine) throws IOException {
        List<String> lines = Files.readAllLines(log);
        Map<String, Object> found = new LinkedHashMap<>();
        Instant database = null;
        for (String line : lines.subList(Math.min(fromLine, lines.size()), lines.size())) {
            Matcher m;
            if ((m = DATABASE.matcher(line)).find()) {
                database = Instant.parse(m.group(1));
            } else if ((m = STARTED.matcher(line)).find()) {
                Instant started = Instant.parse(m.group(1));
                double running = Double.parseDouble(m.group(2));
                found.put("applicationStartedSeconds", running);
                if (database != null) {
                    double toDatabase = running - Duration.between(database, started).toMillis() / 1e3;
                    found.put("jvmToDatabaseSeconds", round(toDatabase, 2));
                    found.put("databaseToStartedSeconds", round(running - toDatabase, 2));
                }
            } else if ((m = PHASE_DONE.matcher(line)).find()) {
                found.put("archive" + ("check".equals(m.group(1)) ? "Check" : "Import") + "Seconds",
                        Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60
                                + Integer.parseInt(m.group(4)));
            }
        }
        return found;
    }

    private List<String> serve(Path dataDir, int port) {
        return List.of(launcher.toString(), "serve", "--data-dir", dataDir.toString(), "--port",
                Integer.toString(port));
    }

    private void launcherOnly(Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(launcher + " --version failed; its output ends:\n" + FirstPage.tail(log));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void phaseHeap(String phase) {
        double[] peaks = heap.peaksMb();
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("peakUsed", round(peaks[0], 1));
        at.put("peakAfterGc", round(peaks[1], 1));
        heapByPhase.put(phase, at);
    }

}
