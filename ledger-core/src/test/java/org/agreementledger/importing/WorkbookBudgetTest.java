package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook is held to a budget of inflated bytes before it is parsed: the bomb POI's ratio guard
 * let through (5.6 MB inflating about 92-fold to 525 MB) is refused, and fast, whether its zip
 * directory tells the truth about its sizes or not.
 */
class WorkbookBudgetTest {

    private static final LocalDate PUBLISHED = LocalDate.of(2025, 6, 6);
    private static final long MB = 1024L * 1024;

    @TempDir
    static Path dir;
    private static Path bomb;

    @BeforeAll
    static void makeTheBomb() {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        bomb = TestWorkbooks.inflatingTo(small, dir.resolve("participatingAgencies06062025am.xlsx"), 525_000_000, 2750);
    }

    @Test
    void theBombUnderPoisRatioIsRefusedBeforeParsingWellUnderASecond() throws IOException {
        long size = Files.size(bomb);
        assertThat(size).as("compressed").isBetween(5_000_000L, 6_500_000L);
        // under POI's 100-fold ratio: its guard alone let this through
        assertThat(525_000_000.0 / size).as("inflation ratio").isBetween(80.0, 100.0);

        long started = System.nanoTime();
        assertThatThrownBy(() -> IceSheetReader.participating(bomb, PUBLISHED).close())
                .isInstanceOf(SheetRefusedException.class)
                .hasMessageContaining("is refused as a zip bomb: its part xl/worksheets/sheet1.xml declares")
                .hasMessageContaining("max-inflated-part-size")
                .extracting(e -> ((SheetRefusedException) e).field()).isEqualTo("file");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("a %,d-byte workbook declaring 525 MB refused in %d ms%n", size, took.toMillis());
        assertThat(took).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aBombWhoseDirectoryLiesIsRefusedOnceItHasInflatedTheBudget() {
        Path lying = TestWorkbooks.claimingSizes(bomb, dir.resolve("participatingAgencies06052025am.xlsx"), 1000);

        long started = System.nanoTime();
        assertThatThrownBy(() -> IceSheetReader.participating(lying, PUBLISHED).close())
                .isInstanceOf(SheetRefusedException.class)
                .hasMessageContaining("its part xl/worksheets/sheet1.xml inflates to more than 100.0 MB"
                        + " (its directory says 0.0 MB)");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("a workbook lying about its 525 MB refused after inflating 100 MB, in %d ms%n",
                took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theTotalIsHeldAsWellAsEachPart() {
        Path small = TestWorkbooks.write(dir.resolve("small-total.xlsx"), List.of(TestWorkbooks.HEADER));
        Path fourMegabytes = TestWorkbooks.inflatingTo(small, dir.resolve("four.xlsx"), 4 * MB, 300);

        new WorkbookBudget(10 * MB, 5 * MB).check(fourMegabytes); // within both
        assertThatThrownBy(() -> new WorkbookBudget(3 * MB, 5 * MB).check(fourMegabytes))
                .hasMessageContaining("its parts declare").hasMessageContaining("beyond the 3.0 MB a workbook may"
                        + " inflate to (ledger.imports.max-inflated-size)");
        assertThatThrownBy(() -> new WorkbookBudget(10 * MB, 2 * MB).check(fourMegabytes))
                .hasMessageContaining("its part xl/worksheets/sheet1.xml declares 4.");
        Path lying = TestWorkbooks.claimingSizes(fourMegabytes, dir.resolve("four-lying.xlsx"), 10);
        assertThatThrownBy(() -> new WorkbookBudget(3 * MB, 5 * MB).check(lying))
                .hasMessageContaining("its parts inflate to more than 3.0 MB");
    }

    @Test
    void iceSheetsAreFarWithinTheDefaultBudget() {
        for (String name : List.of("participatingAgencies05162025am.xlsx", "participatingAgencies06062025am.xlsx")) {
            WorkbookBudget.DEFAULT.check(IceSheetFiles.named(name));
        }
    }
}
