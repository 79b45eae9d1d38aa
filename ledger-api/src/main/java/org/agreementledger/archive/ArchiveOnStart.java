package org.agreementledger.archive;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.app.ManifestImporter;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.progress.Progress;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.readiness.LedgerReadiness;
import org.agreementledger.readiness.LedgerStartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The real record on a ledger's first start: imports ICE's archive ({@code archive/ice/MANIFEST.csv},
 * see docs/ice-archive.md) once the server listens, while reports answer that loading is in progress;
 * later starts import only the files not recorded yet. On for {@code bin/ledger serve}
 * ({@code ledger.archive.import-on-start}), off for every other command and in tests.
 */
@Component
@ConditionalOnProperty(name = "ledger.archive.import-on-start", havingValue = "true")
class ArchiveOnStart implements LedgerStartupTask {

    private static final Logger log = LoggerFactory.getLogger(ArchiveOnStart.class);

    private final ManifestImporter importer;
    private final Path manifest;

    ArchiveOnStart(ManifestImporter importer, @Value("${ledger.archive.manifest}") Path manifest) {
        this.importer = importer;
        this.manifest = manifest;
    }

    @Override
    public String description() {
        return "loading ICE's archive";
    }

    @Override
    public void run(LedgerReadiness.Loading loading) {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("no archive manifest at " + manifest.toAbsolutePath() + "; serve with"
                    + " --archive MANIFEST (ICE's archive is archive/ice/MANIFEST.csv in the repository), or --no-archive");
        }
        TerminalProgress terminal = TerminalProgress.onStderr(new PrintWriter(System.err, true));
        List<ImportReport> reports = importer.importManifest(PublicationManifest.read(manifest),
                Progress.both(loading, terminal), loading.rows());
        Map<String, Long> outcomes = new TreeMap<>();
        reports.forEach(report -> outcomes.merge(report.outcome(), 1L, Long::sum));
        log.info("ICE's archive ({}): {}", manifest, outcomes);
        reports.stream().filter(report -> report.reason() != null).forEach(report -> log.warn("{} {}: {}",
                report.fileName(), report.outcome(), report.reason()));
    }
}
