package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not ICE sheets, or are hostile, are refused whole, before any row is returned. */
class RefusedFilesTest {

    private static final LocalDate PUBLISHED = LocalDate.of(2025, 6, 6);

    @TempDir
    Path dir;

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("participatingAgencies06062025am.xlsx"));
        assertRefused(file).hasMessage("file: 'participatingAgencies06062025am.xlsx' is empty (0 bytes)");
        Path csv = Files.createFile(dir.resolve("participatingAgencies06062025am.csv"));
        assertRefused(csv).hasMessageContaining("is empty");
    }

    @Test
    void textIsNotAWorkbook() throws IOException {
        Path file = Files.writeString(dir.resolve("participatingAgencies06062025am.xlsx"),
                "STATE,LAW ENFORCEMENT AGENCY\nOHIO,Butler County Sheriff's Office\n");
        assertRefused(file).hasMessageStartingWith("file: 'participatingAgencies06062025am.xlsx' is not an xlsx workbook")
                .hasMessageContaining("not a zip archive");
    }

    @Test
    void pdfIsNotAWorkbook() throws IOException {
        Path file = Files.writeString(dir.resolve("participatingAgencies06062025am.xlsx"),
                "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", StandardCharsets.ISO_8859_1);
        assertRefused(file).hasMessageContaining("is not an xlsx workbook: it is a PDF");
        Path csv = Files.copy(file, dir.resolve("participatingAgencies06062025am.csv"));
        assertRefused(csv).hasMessageContaining("is named like CSV, but it is a PDF");
    }

    @Test
    void htmlErrorPageIsNotAWorkbook() throws IOException {
        Path file = Files.writeString(dir.resolve("participatingAgencies06062025am.xlsx"),
                "<!DOCTYPE html><html><body>Access Denied</body></html>");
        assertRefused(file).hasMessageContaining("HTML page");
    }

    @Test
    void csvWithBrokenQuotingOrAnEndlessLine() throws IOException {
        Path quotes = Files.writeString(dir.resolve("participatingAgencies06062025am.csv"),
                "STATE,LAW ENFORCEMENT AGENCY,SUPPORT TYPE,SIGNED\nOHIO,\"Butler County,Task Force Model,45785\n");
        assertRefused(quotes).hasMessageStartingWith("file: 'participatingAgencies06062025am.csv' is not a readable CSV");
        Path endless = Files.writeString(dir.resolve("participatingAgencies06052025am.csv"),
                "STATE,LAW ENFORCEMENT AGENCY,SUPPORT TYPE,SIGNED\nOHIO," + "x".repeat(CsvRowSource.MAX_LINE_CHARS + 1));
        assertRefused(endless).hasMessageContaining("a line is longer than");
    }

    @Test
    void aZipThatIsNotAWorkbook() throws IOException {
        Path file = dir.resolve("participatingAgencies06062025am.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertRefused(file).hasMessageStartingWith("file: 'participatingAgencies06062025am.xlsx' cannot be read as an xlsx workbook");
    }

    @Test
    void aTruncatedDownload() throws IOException {
        byte[] real = Files.readAllBytes(IceSheetFiles.named("participatingAgencies06062025am.xlsx"));
        Path file = Files.write(dir.resolve("participatingAgencies06062025am.xlsx"), Arrays.copyOf(real, real.length / 2));
        assertRefused(file).hasMessageStartingWith("file: 'participatingAgencies06062025am.xlsx' cannot be read as an xlsx workbook");
    }

    @Test
    void aRequiredColumnMissingIsNamed() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                List.of("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "MOA"),
                List.of("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model", "link")));
        assertRefused(file).hasMessageStartingWith("SIGNED: required column missing from the header (row 1)")
                .extracting(e -> ((SheetRefusedException) e).field()).isEqualTo("SIGNED");
        Path noState = TestWorkbooks.write(dir.resolve("no-state.xlsx"), List.of(
                List.of("LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED")));
        assertRefused(noState).hasMessageStartingWith("STATE: required column missing");
    }

    @Test
    void aColumnTwiceIsAmbiguous() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                List.of("STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED", "Signed")));
        assertRefused(file).hasMessageStartingWith("SIGNED: the header (row 1) has this column twice");
    }

    @Test
    void aWorkbookWithNothingInIt() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(Arrays.asList(null, null)));
        assertRefused(file).hasMessageContaining("has no header row");
    }

    @Test
    void aZipBomb() {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        // 40 MB of spaces deflate to about 40 KB: a thousandfold, where ICE's sheets inflate about sixfold
        Path bomb = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/worksheets/sheet1.xml", xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(40_000_000)));
        assertThat(bomb.toFile().length()).isLessThan(1_000_000);
        assertRefused(bomb).hasMessageContaining("looks like a zip bomb");
    }

    @Test
    void externalEntitiesInTheSheetAreRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        Path hostile = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/worksheets/sheet1.xml", xml -> withEntity(xml, "worksheet", secret)
                        .replace("</sheetData>", "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData>"));
        assertRefused(hostile).hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void externalEntitiesInTheSharedStringsAreRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER,
                List.of("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model", 45785, "link")));
        Path hostile = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/sharedStrings.xml", xml -> withEntity(xml, "sst", secret).replace("Butler County Sheriff's Office", "&xxe;"));
        assertRefused(hostile).hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entityExpansionBombsAreRefused() {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        StringBuilder laughs = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>");
        Path hostile = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/worksheets/sheet1.xml", xml -> xml.replaceFirst("\\?>", "?>" + laughs)
                        .replace("</sheetData>", "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData>"));
        assertRefused(hostile).hasMessageContaining("DOCTYPE");
    }

    @Test
    void aCellSpellingALoneSurrogateIsRefusedNamingTheCell() throws IOException {
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER,
                List.of("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model", 45785, "link")));
        // OOXML's escape for a character XML cannot carry; POI decodes _xD800_ as written, a lone surrogate
        Path hostile = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/sharedStrings.xml", xml -> xml.replace("Butler County Sheriff's Office", "Sur_xD800_ Office"));
        assertRefused(hostile).hasMessage("file: row 2, column B: the cell is not well-formed text: an unpaired UTF-16"
                + " surrogate (U+D800) at character 4; only Unicode scalar values are accepted; no rule reads such a"
                + " cell, so the file is refused");
        // a pair spelt the same way is one character, read as such
        Path pair = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06052025am.xlsx"),
                "xl/sharedStrings.xml", xml -> xml.replace("Butler County Sheriff's Office",
                        "Butler County Sheriff's Office _xD83D__xDE93_"));
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(pair, PUBLISHED)) {
            assertThat(((SheetRow) sheet.next()).agencyName()).isEqualTo("Butler County Sheriff's Office \ud83d\ude93");
        }
        // XML itself cannot carry one: a character reference to a surrogate is broken XML
        Path reference = TestWorkbooks.rewritePart(small, dir.resolve("participatingAgencies06042025am.xlsx"),
                "xl/worksheets/sheet1.xml", xml -> xml.replace("</sheetData>",
                        "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>Sur&#xD800; Office</t></is></c></row></sheetData>"));
        assertRefused(reference).hasMessageStartingWith("file: ");
    }

    @Test
    void aCsvThatIsNotUtf8IsRefusedNamingTheLine() throws IOException {
        byte[] header = "STATE,LAW ENFORCEMENT AGENCY,SUPPORT TYPE,SIGNED\nOHIO,Butler County,Task Force Model,45785\n"
                .getBytes(StandardCharsets.UTF_8);
        // Windows-1252's e-acute, and a surrogate encoded as if it were a character (CESU-8)
        for (byte[] row : List.of("OHIO,Caf\u00e9 Police,Task Force Model,45785\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {'O', 'H', 'I', 'O', ',', 'S', 'u', 'r', (byte) 0xED, (byte) 0xA0, (byte) 0x80, ',', 'J', 'E', 'M',
                        ',', '4', '5', '7', '8', '5', '\n'})) {
            Path csv = dir.resolve("participatingAgencies06062025am.csv");
            Files.write(csv, concat(header, row));
            assertRefused(csv).hasMessage("file: 'participatingAgencies06062025am.csv' is not UTF-8: line 3 holds bytes"
                    + " that are not well-formed UTF-8 (save the sheet as CSV UTF-8); no rule reads such text, so the"
                    + " file is refused");
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String withEntity(String xml, String root, Path secret) {
        return xml.replaceFirst("\\?>", "?><!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
        return assertThatThrownBy(() -> {
            try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, PUBLISHED)) {
                sheet.forEachRemaining(line -> {
                });
            } catch (SheetRefusedException e) {
                System.out.println("refused: " + e.getMessage());
                throw e;
            }
        }).isInstanceOf(SheetRefusedException.class);
    }
}
