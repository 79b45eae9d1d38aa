package org.agreementledger.bench;

import static org.agreementledger.bench.Bench.ms;
import static org.agreementledger.bench.Bench.percentile;
import static org.agreementledger.bench.Bench.seconds;
import static org.agreementledger.bench.BenchMain.round;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.agreementledger.api.ImportReport;
import org.agreementledger.demo.SyntheticPublications;
import org.agreementledger.importing.IceSheet;
import org.agreementledger.importing.IceSheetReader;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.importing.SheetLine;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Phase 7: generated publications imported into a fresh ledger, beside reading them only. */
final class BulkImportPhase {

    private final Bench bench;

    BulkImportPhase(Bench bench) {
        this.bench = bench;
    }

    /** Publications of the bulk-import figure at full size, and rows in each. */
    static final int IMPORT_PUBLICATIONS = 200;
    static final int IMPORT_ROWS = 2_500;

    /**
     * Generated workbooks (SyntheticPublications, XLSX, seeded) imported one after the other into a
     * fresh ledger of their own (the demo history would make the first list withdraw every demo
     * agreement): read, diff against the ledger, append, and the reports caught up. Baseline: the
     * same workbooks only read (identity hash and every row parsed), in the same run. Below 10,000
     * agreements the series is scaled down: bench.size/50 publications of at most bench.size rows.
     */
    BulkImportFigure run() throws Exception {
        int publications = (int) Math.max(2, Math.min(IMPORT_PUBLICATIONS, bench.size / 50));
        int rows = (int) Math.min(IMPORT_ROWS, bench.size);
        Path sheets = Files.createTempDirectory("ledger-bench-sheets-");
        Path importDir = Files.createTempDirectory("ledger-bench-import-");
        try {
            Bench.note("writing " + publications + " workbooks of " + rows + "+ rows (bench.seed " + bench.seed + ") in " + sheets);
            List<SyntheticPublications.Publication> series = SyntheticPublications.write(sheets, publications, rows,
                    bench.seed, SyntheticPublications.Format.XLSX);
            long sheetRows = series.stream().mapToLong(SyntheticPublications.Publication::rows).sum();

            // baseline first, after one warm-up read: the import then starts with the reader warm too
            readOnly(series.get(0));
            bench.heap.reset();
            bench.progress.start("baseline: read the workbooks only", sheetRows);
            long read = 0;
            long readStarted = System.nanoTime();
            for (SyntheticPublications.Publication publication : series) {
                read += readOnly(publication);
                bench.progress.advance(read);
            }
            double readSeconds = seconds(readStarted);
            bench.progress.finish();
            bench.phaseHeap("bulkImportBaseline");

            Bench.note("starting a fresh ledger for the import in " + importDir);
            try (ConfigurableApplicationContext ledger = Bench.startLedger(importDir)) {
                PublicationImporter importer = ledger.getBean(PublicationImporter.class);
                ReportProcessor reports = ledger.getBean(ReportProcessor.class);
                bench.heap.reset();
                bench.progress.start("bulk import (read, diff, append, project)", sheetRows);
                long[] nanos = new long[series.size()];
                long imported = 0;
                long started = System.nanoTime();
                for (int i = 0; i < series.size(); i++) {
                    SyntheticPublications.Publication publication = series.get(i);
                    long t = System.nanoTime();
                    ImportReport report = importer.importFile(publication.file(), publication.file().getFileName()
                            .toString(), publication.publishedOn(), Progress.NONE);
                    nanos[i] = System.nanoTime() - t;
                    if (!ImportReport.IMPORTED.equals(report.outcome())) {
                        throw new IllegalStateException(publication.file() + ": " + report.outcome());
                    }
                    imported += publication.rows();
                    bench.progress.advance(imported);
                }
                reports.awaitCaughtUp(Duration.ofMinutes(10));
                double seconds = seconds(started);
                bench.progress.finish();
                bench.phaseHeap("bulkImport");
                long events = ledger.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from domainevententry", Long.class);

                return new BulkImportFigure(series.size(),
                        rows + " in the first, " + series.get(series.size() - 1).rows()
                        + " in the last",
                        series.size() < IMPORT_PUBLICATIONS || rows < IMPORT_ROWS,
                        "xlsx, generated by SyntheticPublications (bench.seed " + bench.seed + ")",
                        sheetRows,
                        events,
                        round(seconds, 2),
                        round(sheetRows / seconds, 0),
                        ms(nanos[0]),
                        ms(percentile(Arrays.copyOfRange(nanos, 1, nanos.length), 50)),
                        ">= 20000 rows/s",
                        "reading the same workbooks only (SHA-256 identity and every row parsed)",
                        round(readSeconds, 2),
                        round(read / readSeconds, 0),
                        round((sheetRows / seconds) / (read / readSeconds), 3));
            }
        } finally {
            Bench.delete(List.of(sheets, importDir));
        }
    }

    /** Reads a publication as the importer does before comparing: its identity, then every line. */
    private static long readOnly(SyntheticPublications.Publication publication) {
        Publication identity = Publication.of(publication.file(), publication.file().getFileName().toString(),
                publication.publishedOn(), null);
        long lines = 0;
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(publication.file(), identity.publishedOn())) {
            while (sheet.hasNext()) {
                sheet.next();
                lines++;
            }
        }
        return lines;
    }
}
