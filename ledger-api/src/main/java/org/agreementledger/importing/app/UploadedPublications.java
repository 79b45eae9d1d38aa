package org.agreementledger.importing.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.agreementledger.api.Fields;
import org.agreementledger.api.ImportReport;
import org.agreementledger.progress.Progress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Publications sent over HTTP: kept in a temporary file no larger than the configured limit (the
 * limit is checked while copying, so an upload without a length cannot fill the disk), imported,
 * then deleted.
 */
@Service
public class UploadedPublications {

    private static final int MAX_FILE_NAME = 255;

    private final PublicationImporter importer;
    private final long maxBytes;

    UploadedPublications(PublicationImporter importer, @Value("${ledger.imports.max-upload-size}") DataSize maxUpload) {
        this.importer = importer;
        this.maxBytes = maxUpload.toBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** {@code .csv} or {@code .txt} for an upload so named; {@code .xlsx} for anything else. */
    static String extensionOf(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") ? ".csv" : lower.endsWith(".txt") ? ".txt" : ".xlsx";
    }

    /**
     * @param fileName    the name ICE published it under, which dates it; may be null with a publishedOn
     * @param publishedOn ISO date, or null to take it from the file name
     */
    public ImportReport importUpload(InputStream body, String fileName, String publishedOn) {
        LocalDate date = Fields.optionalDate("publishedOn", publishedOn);
        String name = fileNameOf(fileName);
        Path file = null;
        try {
            // the reader tells CSV from xlsx by the name's extension: keep the upload's
            file = Files.createTempFile("ledger-upload-", extensionOf(name));
            copyAtMost(body, file);
            return importer.importFile(file, name, date, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the upload", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is the system's to clean
                }
            }
        }
    }

    /** Only the last segment of what the client called the file; a name no file system allows is refused. */
    private static String fileNameOf(String fileName) {
        if (Fields.optional(fileName) == null) {
            return "upload";
        }
        try {
            Path name = Path.of(fileName.strip()).getFileName();
            if (name != null && name.toString().length() > MAX_FILE_NAME) {
                // it is kept in the report and the events: no longer than any file system allows
                throw new org.agreementledger.api.InvalidFieldException("fileName", "'"
                        + Fields.abbreviate(name.toString()) + "' is longer than " + MAX_FILE_NAME + " characters");
            }
            return name == null ? "upload" : name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            throw new org.agreementledger.api.InvalidFieldException("fileName", "'" + Fields.abbreviate(fileName)
                    + "' is not a file name");
        }
    }

    private void copyAtMost(InputStream body, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                copied += n;
                if (copied > maxBytes) {
                    throw new UploadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
