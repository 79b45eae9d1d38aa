package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** ICE's real publications in shared/, beside the repository; never copied into it. */
final class IceSheetFiles {

    private IceSheetFiles() {
    }

    /** {@code ../shared/data/ice-sheets} from the repository root, found upwards from the working directory. */
    static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ledger-core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (a directory holding ledger-core) above %s",
                Path.of("").toAbsolutePath()).isNotNull();
        Path sheets = dir.resolve("../shared/data/ice-sheets").normalize();
        assertThat(sheets).as("ICE's sheets, expected beside the repository at ../shared/data/ice-sheets")
                .isDirectory();
        return sheets;
    }

    static List<Path> participating() {
        return list("participatingAgencies");
    }

    static List<Path> pending() {
        return list("pendingAgencies");
    }

    static Path named(String fileName) {
        return directory().resolve(fileName);
    }

    private static List<Path> list(String prefix) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.getFileName().toString().endsWith(".xlsx"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
