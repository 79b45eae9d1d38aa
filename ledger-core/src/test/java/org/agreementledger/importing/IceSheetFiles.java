package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** ICE's real publications in shared/, beside the repository; never copied into it. */
public final class IceSheetFiles {

    private IceSheetFiles() {
    }

    /** {@code ../shared/data/ice-sheets} from the repository root, found upwards from the working directory. */
    public static Path directory() {
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

    /**
     * The SHA-256 of each file exactly as ICE published it. A test that opened a sheet with POI from a
     * File once wrote it back on close; every test now checks the bytes are still ICE's.
     */
    public static final Map<String, String> PUBLISHED_SHA256 = Map.ofEntries(
            Map.entry("participatingAgencies05162025am.xlsx", "46f827da806f2a0161e4768a8801b7970e431c76e4fd946576e06095bfd50503"),
            Map.entry("participatingAgencies05192025am.xlsx", "1e13c0e46ff71449582b5f10f1dbff7142e3ca06002e81b7ac8cbf8fb2a8745c"),
            Map.entry("participatingAgencies05192025pm.xlsx", "28657a503eb5334a873e75a2839933331e49c462532d870b196d2eda07dbb293"),
            Map.entry("participatingAgencies05202025pm.xlsx", "9ef2eb89c64b49c419b3c523cac3d6bdd942678a06cd5c073c467a04c8964461"),
            Map.entry("participatingAgencies05232025am.xlsx", "d5253958e4906e37c4b98a24b1a4f7308443c29ce6df92cfa3a9d03da8a1ebe0"),
            Map.entry("participatingAgencies05232025pm.xlsx", "c4502baeff14ce5a4fdcb1dde4631b7b7f6b49a7c488baaefb5c30699711c045"),
            Map.entry("participatingAgencies05282025am.xlsx", "e2456897b3f4e668751b397885619d69ede52e1b0eba5061e1baba45f8884505"),
            Map.entry("participatingAgencies05292025am.xlsx", "5d0d3292d435025b3b369f9a1a13c89a8de26ccf66cfa95a4f8ebdea7849570c"),
            Map.entry("participatingAgencies06042025am.xlsx", "934682d6a3527039a7fdae80398e1798547c7d62a042ca981d090c96d6811738"),
            Map.entry("participatingAgencies06062025am.xlsx", "707e31fbe5a11ab91ae7ee7ac9ce4cacb35121094553777350c567b60a2fb9aa"),
            Map.entry("pendingAgencies05192025am.xlsx", "d668056de7d86dda534026e0184e236cbe4138df7fddbad89f4224f8419ae996"),
            Map.entry("pendingAgencies06062025am.xlsx", "4d2af2932a60c20ae0df11723738f1a3173ff0dc0acc16a2b450a2936fb01b96"));

    /** Fails if any sheet is missing or its bytes are no longer exactly what ICE published. */
    public static void assertUntouched() {
        PUBLISHED_SHA256.forEach((name, sha256) -> assertThat(Publication.of(directory().resolve(name)).sha256())
                .as("SHA-256 of shared/data/ice-sheets/%s: a test must never write to ICE's files", name)
                .isEqualTo(sha256));
    }

    public static List<Path> participating() {
        return list("participatingAgencies");
    }

    public static List<Path> pending() {
        return list("pendingAgencies");
    }

    public static Path named(String fileName) {
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
