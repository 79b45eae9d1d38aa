package org.agreementledger.watching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.PublicationManifest;
import org.junit.jupiter.api.Test;

/**
 * The archive the watcher adds to stays the archive the import reads: the repository's manifest gains
 * the watcher's columns in its header, its own lines unchanged, and every line still reads.
 */
class ArchiveShelfTest {

    static final Path ICE_ARCHIVE = Path.of("..", "archive", "ice").toAbsolutePath().normalize();

    @Test
    void theArchivesManifestGainsTheWatchersColumnsAndStillReads() throws Exception {
        Path directory = FakeIce.temporaryDirectory("shelf-");
        List<String> archive = Files.readAllLines(ICE_ARCHIVE.resolve("MANIFEST.csv")).subList(0, 3);
        Path manifest = Files.write(directory.resolve("MANIFEST.csv"), archive);
        Path list = IceSheetFiles.directory().resolve("participatingAgencies05162025am.xlsx");
        String sha256 = Publication.sha256(list);

        try (ArchiveShelf shelf = ArchiveShelf.open(manifest)) {
            Path download = shelf.incomingFile();
            Files.copy(list, download);
            shelf.shelve(download, new ArchiveShelf.Arrival("participatingAgencies05162025am.xlsx", sha256,
                    Files.size(list), "ice-sheet", null,
                    "https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx",
                    Instant.parse("2025-05-16T14:00:00Z"), "Fri, 16 May 2025 13:02:11 GMT", "\"5e3a-64a1\""));
            assertThat(shelf.holds(sha256)).isTrue();
            assertThatThrownBy(() -> ArchiveShelf.open(manifest)).hasMessageContaining("another watch or backfill");
        }

        List<String> lines = Files.readAllLines(manifest);
        assertThat(lines.get(0)).isEqualTo(archive.get(0) + ",fetchedAt,lastModified,etag");
        assertThat(lines.subList(1, 3)).isEqualTo(archive.subList(1, 3));
        assertThat(lines.get(3)).isEqualTo("files/participatingAgencies05162025am.xlsx," + sha256 + ","
                + Files.size(list) + ",ice-sheet,,https://www.ice.gov/doclib/about/offices/ero/287g/"
                + "participatingAgencies05162025am.xlsx,2025-05-16T14:00:00Z,\"Fri, 16 May 2025 13:02:11 GMT\","
                + "\"\"\"5e3a-64a1\"\"\"");
        List<PublicationManifest.Entry> entries = PublicationManifest.read(manifest).entries();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(2).sha256()).isEqualTo(sha256);
        assertThat(entries.get(2).kind()).isEqualTo("ice-sheet");
        assertThat(entries.get(2).file()).isRegularFile().hasSameBinaryContentAs(list);
        assertThat(entries.get(0).origin()).contains("RelevantResearch");

        try (ArchiveShelf again = ArchiveShelf.open(manifest)) {
            assertThat(again.validatorsOf(entries.get(2).origin()))
                    .isEqualTo(new IceHttp.Validators("\"5e3a-64a1\"", "Fri, 16 May 2025 13:02:11 GMT"));
        }
    }
}
