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
}
