package org.agreementledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.poifs.filesystem.FileMagic;

/**
 * Decides from a file's first bytes (not its name) whether it can be a sheet, so a PDF or an
 * HTML error page saved as {@code .xlsx} is refused with a sentence instead of a stack trace.
 */
public enum FileKind {
    XLSX,
    CSV;

    /** CSV if named {@code .csv}, else xlsx; refused if the bytes say otherwise or there are none. */
    public static FileKind of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        FileKind expected = name.endsWith(".csv") || name.endsWith(".txt") ? CSV : XLSX;
        try {
            if (Files.size(file) == 0) {
                throw SheetRefusedException.file("'" + file.getFileName() + "' is empty (0 bytes)");
            }
            FileMagic magic;
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(4096);
            }
            magic = FileMagic.valueOf(head);
            if (expected == XLSX && magic != FileMagic.OOXML) {
                throw SheetRefusedException.file("'" + file.getFileName() + "' is not an xlsx workbook: "
                        + describe(magic));
            }
            if (expected == CSV && magic != FileMagic.UNKNOWN) {
                throw SheetRefusedException.file("'" + file.getFileName() + "' is named like CSV, but "
                        + (magic == FileMagic.OOXML ? "it is an xlsx workbook (rename it .xlsx)" : describe(magic)));
            }
            if (expected == CSV && containsNul(head)) {
                throw SheetRefusedException.file("'" + file.getFileName() + "' is named like CSV, but it holds binary data");
            }
            return expected;
        } catch (NoSuchFileException e) {
            throw SheetRefusedException.file("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean containsNul(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static String describe(FileMagic magic) {
        switch (magic) {
            case OLE2:
                return "it is an Excel 97-2003 .xls or a password-protected workbook; save it as an unprotected .xlsx";
            case PDF:
                return "it is a PDF";
            case HTML:
                return "it is an HTML page (an error page saved instead of the download?)";
            case XML:
                return "it is a bare XML file, not a zipped workbook";
            case UNKNOWN:
                return "its bytes are not a zip archive (plain text or another format)";
            default:
                return "it is a " + magic + " file";
        }
    }
}
