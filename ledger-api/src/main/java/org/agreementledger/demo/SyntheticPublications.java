package org.agreementledger.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A series of publications in ICE's layout, each a small change on the one before, as ICE's own
 * lists change: the first lists {@code baseAgencies} agencies; each later one adds three, drops
 * one, corrects a county and, every fifth, changes one agency's support model. The same arguments
 * write the same files (the seed draws each base agency's state, type, model and signing date).
 * Used by the load tests and the benchmark's bulk import.
 */
public final class SyntheticPublications {

    public static final int BASE_AGENCIES = 600;
    public static final LocalDate FIRST = LocalDate.of(2025, 7, 1);
    private static final String[] STATES = {"TX", "FL", "GA", "AL", "TN", "NC", "SC", "OK", "LA", "AZ"};
    private static final String[] MODELS = {"Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"};
    private static final String[] HEADER = {"STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE",
            "SIGNED", "MOA"};
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    /** CSV with ICE's header (SIGNED as US dates), or a workbook as ICE posts them (SIGNED as date cells). */
    public enum Format { CSV, XLSX }

    public record Publication(Path file, LocalDate publishedOn, int rows) {
    }

    private record Listed(String state, String name, String type, String county, int model, LocalDate signed) {
    }

    private SyntheticPublications() {
    }

    /** {@code count} CSV publications of {@link #BASE_AGENCIES} agencies and more, seed 287. */
    public static List<Publication> write(Path dir, int count) {
        return write(dir, count, BASE_AGENCIES, 287, Format.CSV);
    }

    public static List<Publication> write(Path dir, int count, int baseAgencies, long seed, Format format) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Listed> rows = new LinkedHashMap<>();
        for (int j = 0; j < baseAgencies; j++) {
            put(rows, new Listed(STATES[random.nextInt(STATES.length)], "Load Agency " + j,
                    random.nextInt(3) == 0 ? "Municipality" : "County", "County " + random.nextInt(50),
                    random.nextInt(3), LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1_800))));
        }
        List<Publication> publications = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            LocalDate date = FIRST.plusDays(k);
            if (k > 0) {
                int change = k;
                for (int x = 0; x < 3; x++) {
                    put(rows, new Listed(STATES[(k + x) % STATES.length], "Load New Agency " + k + "-" + x, "County",
                            "New County " + k, x, date.minusDays(10)));
                }
                rows.remove("Load Agency " + (7 * k));
                String corrected = "Load Agency " + (7 * k + 3);
                rows.computeIfPresent(corrected, (name, row) -> new Listed(row.state(), name, row.type(),
                        "Corrected County " + change, row.model(), row.signed()));
                if (k % 5 == 4) {
                    rows.computeIfPresent("Load Agency " + (7 * k + 5), (name, row) -> new Listed(row.state(), name,
                            row.type(), row.county(), (row.model() + 1) % 3, row.signed()));
                }
            }
            Path file = dir.resolve("load-publication-" + date + (format == Format.CSV ? ".csv" : ".xlsx"));
            try {
                if (format == Format.CSV) {
                    writeCsv(file, rows.values());
                } else {
                    writeWorkbook(file, rows.values());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            publications.add(new Publication(file, date, rows.size()));
        }
        return publications;
    }

    private static void writeCsv(Path file, Iterable<Listed> rows) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append('\n');
        rows.forEach(row -> csv.append(String.join(",", row.state(), row.name(), row.type(), row.county(),
                MODELS[row.model()], US.format(row.signed()), "")).append('\n'));
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** Streamed (SXSSF): a window of rows in memory, whatever the sheet's length. */
    private static void writeWorkbook(Path file, Iterable<Listed> rows) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try (OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Sheet1");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yyyy"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            int r = 1;
            for (Listed listed : rows) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(listed.state());
                row.createCell(1).setCellValue(listed.name());
                row.createCell(2).setCellValue(listed.type());
                row.createCell(3).setCellValue(listed.county());
                row.createCell(4).setCellValue(MODELS[listed.model()]);
                Cell signed = row.createCell(5);
                signed.setCellValue(listed.signed());
                signed.setCellStyle(dateStyle);
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static void put(Map<String, Listed> rows, Listed row) {
        rows.put(row.name(), row);
    }
}
