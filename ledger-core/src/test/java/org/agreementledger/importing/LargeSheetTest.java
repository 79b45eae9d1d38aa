package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sheet 150 times ICE's size streams through: rows are handed out as they are parsed, so what
 * the reader holds is the shared strings and hyperlinks, never the rows.
 */
class LargeSheetTest {

    private static final int ROWS = 100_000;
    private static final LocalDate PUBLISHED = LocalDate.of(2025, 6, 6);

    @TempDir
    Path dir;

    @Test
    void readsAHundredThousandRowsOneAtATime() throws IOException {
        Path file = write(dir.resolve("participatingAgencies06062025am.xlsx"));
        long baseline = usedHeapAfterGc();
        long midway = 0;
        long started = System.nanoTime();
        int rows = 0;
        int problems = 0;
        int linked = 0;
        int lastRow = 0;
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, PUBLISHED)) {
            assertThat(sheet.estimatedRows()).hasValue(ROWS);
            while (sheet.hasNext()) {
                SheetLine line = sheet.next();
                if (line.sheetRow() <= lastRow) {
                    throw new AssertionError("row " + line.sheetRow() + " after row " + lastRow);
                }
                lastRow = line.sheetRow();
                if (lastRow == ROWS / 2) {
                    midway = usedHeapAfterGc();
                }
                if (line instanceof SheetRow row) {
                    rows++;
                    if (row.moaLink() != null) {
                        linked++;
                    }
                    if (row.sheetRow() == ROWS + 1) {
                        assertThat(row.agencyName()).isEqualTo("Agency " + ROWS + " Police Department");
                        assertThat(row.signedOn()).isEqualTo(signed(ROWS));
                    }
                } else {
                    problems++;
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("read %d rows (%d problems) of a %d-byte workbook in %d ms%n", rows + problems, problems,
                Files.size(file), took.toMillis());
        assertThat(rows).isEqualTo(ROWS - ROWS / 10_000);
        assertThat(problems).isEqualTo(ROWS / 10_000);
        assertThat(linked).isEqualTo(ROWS / 100 - ROWS / 10_000);
        // Loaded whole (usermodel), this workbook takes several hundred MB; streamed, a few
        System.out.printf("heap in use halfway through: %d MB over the %d MB before opening%n",
                (midway - baseline) >> 20, baseline >> 20);
        assertThat(midway - baseline).as("heap growth while reading").isLessThan(64L << 20);
        assertThat(lastRow).isEqualTo(ROWS + 1);
        // About 3 s on an idle 2-core machine; the bound only catches a reader gone quadratic, not a busy CI
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Path write(Path file) throws IOException {
        UsState[] states = UsState.values();
        SupportModel[] models = SupportModel.values();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet("Sheet1");
            Row header = sheet.createRow(0);
            for (int c = 0; c < TestWorkbooks.HEADER.size(); c++) {
                header.createCell(c).setCellValue((String) TestWorkbooks.HEADER.get(c));
            }
            for (int n = 1; n <= ROWS; n++) {
                Row row = sheet.createRow(n);
                UsState state = states[n % states.length];
                row.createCell(0).setCellValue(n % 10_000 == 0 ? "NOWHERE" : state.title().toUpperCase());
                row.createCell(1).setCellValue("Agency " + n + " Police Department");
                row.createCell(2).setCellValue("Municipality");
                row.createCell(3).setCellValue("County " + (n % 3000));
                row.createCell(4).setCellValue(models[n % models.length].title());
                row.createCell(5).setCellValue(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), signed(n)));
                Cell moa = row.createCell(6);
                moa.setCellValue(n % 100 == 0 ? "link" : "link pending");
                if (n % 100 == 0) {
                    Hyperlink link = workbook.getCreationHelper().createHyperlink(HyperlinkType.URL);
                    link.setAddress("https://www.ice.gov/doclib/287gMOA/agency" + n + ".pdf");
                    moa.setHyperlink(link);
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
        return file;
    }

    private static LocalDate signed(int n) {
        return LocalDate.of(2019, 1, 1).plusDays(n % 2300);
    }
}
