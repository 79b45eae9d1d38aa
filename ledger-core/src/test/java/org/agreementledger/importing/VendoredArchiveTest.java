package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The archive the ledger runs on is kept byte for byte as its manifest describes it. */
class VendoredArchiveTest {

    static final Path ARCHIVE = Path.of("..", "archive", "ice").toAbsolutePath().normalize();
    static final Path MANIFEST = ARCHIVE.resolve("MANIFEST.csv");

    @Test
    void everyFileMatchesItsManifestLineByteForByte() {
        PublicationManifest manifest = PublicationManifest.read(MANIFEST);
        assertThat(manifest.entries()).hasSizeGreaterThanOrEqualTo(124);
        for (PublicationManifest.Entry entry : manifest.entries()) {
            assertThat(entry.sha256()).as("line %d gives a sha256", entry.line()).isNotNull();
            assertThat(Publication.of(entry.file(), entry.naming()).sha256())
                    .as("%s (manifest line %d)", entry.fileName(), entry.line()).isEqualTo(entry.sha256());
        }
    }

    @Test
    void everyFileOfTheArchiveIsListedInTheManifest() throws IOException {
        List<Path> listed = PublicationManifest.read(MANIFEST).entries().stream().map(PublicationManifest.Entry::file)
                .toList();
        try (Stream<Path> files = Files.list(ARCHIVE.resolve("files"))) {
            assertThat(files.map(Path::normalize).toList()).containsExactlyInAnyOrderElementsOf(listed);
        }
    }
}
