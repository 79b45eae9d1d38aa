package org.agreementledger.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Synthetic workbooks for tests, written with POI's usermodel into a temporary directory. */
public final class TestWorkbooks {

    public static final List<Object> HEADER = List.of("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY",
            "SUPPORT TYPE", "SIGNED", "MOA");

    /** A cell showing {@code text} and linking to {@code url}. */
    record Link(String text, String url) {
    }

    /** An Excel error value such as #N/A. */
    record ErrorValue(FormulaError error) {
    }

    public static final ErrorValue NA = new ErrorValue(FormulaError.NA);

    private TestWorkbooks() {
    }

    /** Rows of cells: String, Number, LocalDate (a date-formatted serial), Link, ErrorValue, or null for no cell. */
    public static Path write(Path file, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Sheet1");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yyyy"));
            int r = 0;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value instanceof String text) {
                        cell.setCellValue(text);
                    } else if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (value instanceof LocalDate date) {
                        cell.setCellValue(date);
                        cell.setCellStyle(dateStyle);
                    } else if (value instanceof Link link) {
                        cell.setCellValue(link.text());
                        Hyperlink hyperlink = workbook.getCreationHelper().createHyperlink(HyperlinkType.URL);
                        hyperlink.setAddress(link.url());
                        cell.setHyperlink(hyperlink);
                    } else if (value instanceof ErrorValue error) {
                        cell.setCellErrorValue(error.error().getCode());
                    } else {
                        throw new IllegalArgumentException("no cell for " + value);
                    }
                }
            }
            workbook.write(out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of an xlsx with one part's XML rewritten, compressed as Excel does. */
    public static Path rewritePart(Path source, Path target, String partName, UnaryOperator<String> rewrite) {
        try (ZipFile zip = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(partName)) {
                    bytes = rewrite.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of an xlsx whose first sheet is rows until the sheet's XML is {@code inflatedBytes} long,
     * written as it is deflated (nothing of that size is held). Each row's STATE is {@code cellChars}
     * characters no rule reads, so every row would be a rejected note in the report; the longer the
     * cell, the better the sheet compresses (2,750 characters: about 92-fold, under POI's 100-fold
     * guard).
     */
    public static Path inflatingTo(Path source, Path target, long inflatedBytes, int cellChars) {
        String filler = "Nowhere County Sheriff Office ".repeat(cellChars / 30 + 1).substring(0, cellChars);
        try (ZipFile zip = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (!entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(zip.getInputStream(entry).readAllBytes());
                    out.closeEntry();
                    continue;
                }
                String xml = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                String head = xml.substring(0, xml.indexOf("<sheetData>") + "<sheetData>".length());
                long written = write(out, head + "<row r=\"1\">" + inline("A1", "STATE")
                        + inline("B1", "LAW ENFORCEMENT AGENCY") + inline("C1", "SUPPORT TYPE") + inline("D1", "SIGNED")
                        + "</row>");
                StringBuilder rows = new StringBuilder();
                for (int r = 2; written < inflatedBytes; r++) {
                    rows.append("<row r=\"").append(r).append("\">").append(inline("A" + r, "ZZ " + r % 7 + " " + filler))
                            .append(inline("B" + r, "Agency " + r)).append(inline("C" + r, "Task Force Model"))
                            .append("<c r=\"D").append(r).append("\"><v>45785</v></c></row>");
                    if (rows.length() > 1 << 20) {
                        written += write(out, rows.toString());
                        rows.setLength(0);
                    }
                }
                write(out, rows + "</sheetData></worksheet>");
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    private static long write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        return bytes.length;
    }

    /**
     * A copy of a zip whose central directory claims every part inflates to {@code claimed} bytes:
     * a bomb that lies about its size, as a hand-made one can.
     */
    public static Path claimingSizes(Path source, Path target, int claimed) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            java.nio.ByteBuffer zip = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int end = bytes.length - 22; // the end-of-directory record, no comment (as ZipOutputStream writes it)
            if (zip.getInt(end) != 0x06054b50) {
                throw new IllegalArgumentException(source + ": no end-of-directory record where expected");
            }
            int entries = Short.toUnsignedInt(zip.getShort(end + 10));
            int at = zip.getInt(end + 16);
            for (int i = 0; i < entries; i++) {
                if (zip.getInt(at) != 0x02014b50) {
                    throw new IllegalArgumentException(source + ": directory entry " + i + " not found");
                }
                zip.putInt(at + 24, claimed);
                at += 46 + Short.toUnsignedInt(zip.getShort(at + 28)) + Short.toUnsignedInt(zip.getShort(at + 30))
                        + Short.toUnsignedInt(zip.getShort(at + 32));
            }
            return Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
