package org.agreementledger.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A list of publications to import, as CSV: a header with at least {@code file}, and optionally
 * {@code publishedOn} and {@code edition} (empty: read from the file name) and {@code sha256} (the
 * bytes are then checked against it); other columns are ignored, except that the archive's
 * {@code kind} and {@code origin} describe where a file came from. Paths are relative to the
 * manifest's directory. The archive's own {@code MANIFEST.csv} is one.
 *
 * @param path    the manifest file
 * @param entries its lines, in the order listed
 */
public record PublicationManifest(Path path, List<Entry> entries) {

    public static final String FIELD = "manifest";

    private static final int MAX_ENTRIES = 100_000;

    /**
     * One listed file.
     *
     * @param line        the line of the manifest, header being line 1
     * @param file        the file, resolved against the manifest's directory
     * @param publishedOn the date the manifest gives, or null
     * @param edition     the edition the manifest gives, or null
     * @param sha256      the SHA-256 the manifest gives, or null
     * @param kind        the archive's kind of source, or null
     * @param origin      where the file was fetched from, or null
     */
    public record Entry(int line, Path file, LocalDate publishedOn, Edition edition, String sha256, String kind,
                        String origin) {

        public String fileName() {
            return file.getFileName().toString();
        }

        /** What the manifest says of the file, for {@link Publication#of(Path, Publication.Naming)}. */
        public Publication.Naming naming() {
            return new Publication.Naming(fileName(), publishedOn, edition, null, kind, origin);
        }
    }

    /** Reads and checks a manifest; a malformed one is refused naming its line and column. */
    public static PublicationManifest read(Path path) {
        Fields.required(FIELD, path);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            if (!columns.containsKey("file")) {
                throw new InvalidFieldException(FIELD, path.getFileName() + " line 1: the header has no 'file' column"
                        + " (expected file,publishedOn,edition; it has " + Fields.abbreviate(
                        String.join(",", parser.getHeaderNames())) + ")");
            }
            Path directory = path.toAbsolutePath().getParent();
            List<Entry> entries = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (entries.size() == MAX_ENTRIES) {
                    throw new InvalidFieldException(FIELD, "more than " + MAX_ENTRIES + " files listed");
                }
                entries.add(entry(path, directory, columns, record));
            }
            return new PublicationManifest(path, List.copyOf(entries));
        } catch (NoSuchFileException e) {
            throw new InvalidFieldException(FIELD, "no such file: " + path);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidFieldException(FIELD, path.getFileName() + " is not readable CSV: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(FIELD, path.getFileName() + " is not a CSV manifest: " + e.getMessage());
        }
    }

    /** Header names compared without case, spacing, hyphens or underscores: {@code published_on} is publishedOn. */
    private static Map<String, String> columns(List<String> header) {
        Map<String, String> columns = new HashMap<>();
        for (String name : header) {
            columns.putIfAbsent(key(name), name);
        }
        return columns;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-\\ufeff]+", "");
    }

    private static Entry entry(Path path, Path directory, Map<String, String> columns, CSVRecord record) {
        int line = (int) record.getRecordNumber() + 1;
        String where = path.getFileName() + " line " + line;
        String file = value(columns, record, "file");
        if (file == null) {
            throw new InvalidFieldException(FIELD, where + ", column file: is empty");
        }
        LocalDate publishedOn;
        Edition edition;
        try {
            publishedOn = Fields.optionalDate("publishedOn", value(columns, record, "publishedon"));
            edition = Edition.parse("edition", value(columns, record, "edition"));
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(FIELD, where + ", column " + e.field() + ": " + e.problem());
        }
        String sha256 = value(columns, record, "sha256");
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidFieldException(FIELD, where + ", column sha256: must be 64 hexadecimal digits");
        }
        return new Entry(line, directory.resolve(file).normalize(), publishedOn, edition,
                sha256 == null ? null : sha256.toLowerCase(Locale.ROOT), value(columns, record, "kind"),
                value(columns, record, "origin"));
    }

    private static String value(Map<String, String> columns, CSVRecord record, String column) {
        String name = columns.get(column);
        if (name == null || !record.isSet(name)) {
            return null;
        }
        String value = record.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
