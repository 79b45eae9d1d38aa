package org.agreementledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the archive phase reads from a served ledger's log: its start-up split and its archive's phases. */
class ArchiveBenchLogTest {

    @Test
    void readsTheStartUpSplitAndTheArchivePhasesFromTheLaunchsOwnLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        Files.write(log, List.of(
                "Agreement Ledger 0.1.0-SNAPSHOT",
                "2026-12-03T10:42:29.518Z  INFO 21289 --- [agreement-ledger] [           main] o.a.database.DatabaseConfiguration       : Starting the embedded PostgreSQL in /tmp/tryserve/data",
                "2026-12-03T10:42:46.248Z  INFO 21289 --- [agreement-ledger] [           main] org.agreementledger.LedgerApplication    : Started LedgerApplication in 25.626 seconds (process running for 27.29)",
                "check MANIFEST.csv  [##################------]  95/124   76%  5/s  ETA 0:00:06",
                "check MANIFEST.csv  [########################]  124/124  100%  5/s  in 0:00:26",
                "import MANIFEST.csv (files; 103,960 rows, 2,453 rows/s)  [########################]  124/124  100%  3/s  in 0:01:02"));

        Map<String, Object> found = ArchiveBench.fromLog(log, 1);

        assertThat(found).containsEntry("applicationStartedSeconds", 27.29)
                .containsEntry("jvmToDatabaseSeconds", 10.56) // 27.29 - (46.248 - 29.518)
                .containsEntry("databaseToStartedSeconds", 16.73)
                .containsEntry("archiveCheckSeconds", 26)
                .containsEntry("archiveImportSeconds", 62);
        assertThat(ArchiveBench.fromLog(log, 6)).as("lines of an earlier launch are not this one's").isEmpty();
    }
}
