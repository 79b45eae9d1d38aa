package org.agreementledger.watching;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The archive the watcher adds to: the files beside a manifest ({@code files/}) and the manifest's
 * lines, in the archive's own format ({@code file,sha256,bytes,kind,capturedAt,origin}, see
 * docs/ice-archive.md) with three columns more, {@code fetchedAt,lastModified,etag}, so an import
 * reads it as before. A list is stored whole or not at all: its bytes are written to
 * {@code .incoming/} and moved into {@code files/} in one atomic rename, and the manifest is
 * rewritten to a temporary file and renamed over the old one, so a kill at any moment leaves either
 * the old archive or the new, never a partial file or line. Only one run at a time works on an
 * archive ({@code .watch.lock}).
 */
final class ArchiveShelf implements AutoCloseable {

    static final List<String> HEADER = List.of("file", "sha256", "bytes", "kind", "capturedAt", "origin",
            "fetchedAt", "lastModified", "etag");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** One line of the manifest, as far as the watcher needs it. */
    record Line(String file, String sha256, String kind, String capturedAt, String origin, String fetchedAt,
                String lastModified, String etag) {
    }

    /** A new list to shelve, and what to write on its line. */
    record Arrival(String fileName, String sha256, long size, String kind, Instant capturedAt, String origin,
                   Instant fetchedAt, String lastModified, String etag) {
    }

    private final Path manifest;
    private final Path files;
    private final Path incoming;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Line> lines = new ArrayList<>();

    private ArchiveShelf(Path manifest) throws IOException {
        this.manifest = manifest.toAbsolutePath().normalize();
        Path directory = this.manifest.getParent();
        this.files = directory.resolve("files");
        this.incoming = directory.resolve(".incoming");
        Files.createDirectories(files);
        Files.createDirectories(incoming);
        this.lockChannel = FileChannel.open(directory.resolve(".watch.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
            held = null; // a watch and a backfill in one process (serve's)
        }
        if (held == null) {
            lockChannel.close();
            throw new IllegalStateException("another watch or backfill is working on the archive at " + directory
                    + "; try again when it has finished");
        }
        this.lock = held;
        removeLeftovers();
        if (Files.isRegularFile(this.manifest)) {
            lines.addAll(read(this.manifest));
        }
    }

    /** Opens (and locks) the archive of {@code manifest}, creating its directory and manifest if need be. */
    static ArchiveShelf open(Path manifest) {
        try {
            return new ArchiveShelf(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the archive at " + manifest, e);
        }
    }

    Path manifest() {
        return manifest;
    }

    /** A fresh place to download to, inside the archive's file system so that the move is a rename. */
    Path incomingFile() {
        return incoming.resolve(UUID.randomUUID() + ".part");
    }

    boolean holds(String sha256) {
        return lines.stream().anyMatch(line -> sha256.equalsIgnoreCase(line.sha256()));
    }

    /** The line of the latest list fetched from {@code url}. */
    java.util.Optional<Line> latestFrom(String url) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (url.equals(lines.get(i).origin())) {
                return java.util.Optional.of(lines.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** What {@code url} answered when the archive stored it, for a conditional request. */
    IceHttp.Validators validatorsOf(String url) {
        return latestFrom(url).map(line -> new IceHttp.Validators(line.etag(), line.lastModified()))
                .orElse(IceHttp.Validators.NONE);
    }

    Line lineOf(String sha256) {
        return lines.stream().filter(line -> sha256.equalsIgnoreCase(line.sha256())).findFirst().orElseThrow();
    }

    /** The file a line lists. */
    Path fileOf(Line line) {
        return manifest.getParent().resolve(line.file()).normalize();
    }

    Set<String> origins() {
        Set<String> origins = new HashSet<>();
        lines.forEach(line -> origins.add(line.origin()));
        return origins;
    }

    /**
     * Moves a downloaded file into {@code files/} under {@code fileName} (or, if another file has that
     * name, the name with {@code -2}, {@code -3}...), then adds its manifest line.
     *
     * @return the stored file
     */
    Path shelve(Path downloaded, Arrival arrival) {
        try {
            String name = freeName(arrival.fileName());
            Path stored = files.resolve(name);
            Files.move(downloaded, stored, StandardCopyOption.ATOMIC_MOVE);
            Line line = new Line("files/" + name, arrival.sha256(), arrival.kind(),
                    arrival.capturedAt() == null ? null : arrival.capturedAt().toString(), arrival.origin(),
                    arrival.fetchedAt().toString(), arrival.lastModified(), arrival.etag());
            appendLine(line, arrival);
            lines.add(line);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + arrival.fileName() + " in " + files, e);
        }
    }

    private String freeName(String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        if (!Files.exists(files.resolve(safe))) {
            return safe;
        }
        int dot = safe.lastIndexOf('.');
        String base = dot < 0 ? safe : safe.substring(0, dot);
        String extension = dot < 0 ? "" : safe.substring(dot);
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n + extension;
            if (!Files.exists(files.resolve(candidate))) {
                return candidate;
            }
        }
    }

    /** The manifest with one more line, written beside it and renamed over it. */
    private void appendLine(Line line, Arrival arrival) throws IOException {
        List<String> existing = Files.isRegularFile(manifest)
                ? Files.readAllLines(manifest, StandardCharsets.UTF_8) : List.of();
        // the archive's own header gains the watcher's columns; its lines stay as they are
        List<String> header = header(existing.isEmpty() ? "" : existing.get(0));
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        existing.stream().skip(1).forEach(current -> text.append(current).append('\n'));
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("file", line.file());
        values.put("sha256", line.sha256());
        values.put("bytes", Long.toString(arrival.size()));
        values.put("kind", arrival.kind());
        values.put("capturedat", arrival.capturedAt() == null ? null : arrival.capturedAt().toString());
        values.put("origin", arrival.origin());
        values.put("fetchedat", arrival.fetchedAt().toString());
        values.put("lastmodified", arrival.lastModified());
        values.put("etag", arrival.etag());
        StringWriter record = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(record, FORMAT)) {
            printer.printRecord(header.stream().map(column -> orEmpty(values.get(key(column)))).toList());
        }
        text.append(record);
        Path next = manifest.resolveSibling("." + manifest.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(next, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The manifest's header with the watcher's columns it lacks added at its end (a new manifest: all of them). */
    private static List<String> header(String line) {
        if (line.isBlank()) {
            return HEADER;
        }
        List<String> columns = new ArrayList<>(List.of(line.split(",", -1)));
        if (!columns.stream().map(ArchiveShelf::key).toList().contains("file")) {
            throw new IllegalStateException("the manifest's first line is not a header with a 'file' column: " + line);
        }
        for (String column : HEADER) {
            if (columns.stream().map(ArchiveShelf::key).noneMatch(key(column)::equals)) {
                columns.add(column);
            }
        }
        return columns;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-\\ufeff]+", "");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<Line> read(Path manifest) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<Line> lines = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> names = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                lines.add(new Line(value(names, record, "file"), value(names, record, "sha256"),
                        value(names, record, "kind"), value(names, record, "capturedAt"), value(names, record, "origin"),
                        value(names, record, "fetchedAt"), value(names, record, "lastModified"),
                        value(names, record, "etag")));
            }
        }
        return lines;
    }

    private static String value(List<String> names, CSVRecord record, String column) {
        for (String name : names) {
            if (key(name).equals(key(column)) && record.isSet(name)) {
                String value = record.get(name);
                return value == null || value.isBlank() ? null : value.strip();
            }
        }
        return null;
    }

    /** Downloads a killed run left behind: never stored, never listed, so simply removed. */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> left = Files.list(incoming)) {
            for (Path file : left.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
