package org.agreementledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.agreementledger.api.Fields;

/**
 * How far a workbook may inflate, in total and per part, checked before POI parses a byte of it.
 * POI's own guard ({@link ZipBombGuard}) is a ratio, and a bomb under the ratio (5.6 MB inflating
 * 94-fold to 525 MB) went through it and cost a minute of CPU; a budget refuses it however it is
 * compressed. ICE's sheets inflate to well under 1 MB, so the default leaves a hundredfold margin.
 *
 * <p>The check reads the zip's central directory first (free: an honest bomb is refused at once),
 * then inflates every part and counts, stopping as soon as a limit is crossed, since a directory can
 * lie about sizes. So a refusal costs at most the budget's worth of inflating, about a third of a
 * second for 100 MB. A file that is not a zip is left to POI, which says what is wrong with it.
 *
 * <p>The budget in force is JVM-wide, like POI's own limits: the application sets it from its
 * configuration ({@code ledger.imports.max-inflated-size}, {@code ledger.imports.max-inflated-part-size}).
 *
 * @param maxTotal bytes all parts together may inflate to
 * @param maxPart  bytes any one part may inflate to
 */
public record WorkbookBudget(long maxTotal, long maxPart) {

    private static final long MB = 1024L * 1024;
    public static final WorkbookBudget DEFAULT = new WorkbookBudget(100 * MB, 100 * MB);

    private static volatile WorkbookBudget inForce = DEFAULT;

    public WorkbookBudget {
        if (maxTotal < 1 || maxPart < 1) {
            throw new IllegalArgumentException("a workbook budget must be positive: " + maxTotal + ", " + maxPart);
        }
    }

    /** The budget every workbook read from now on is held to. */
    public static void configure(WorkbookBudget budget) {
        inForce = budget;
    }

    public static WorkbookBudget inForce() {
        return inForce;
    }

    /** @throws SheetRefusedException (field {@code file}) when a part or the whole would inflate beyond the budget */
    void check(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            checkDeclared(file, zip);
            checkInflated(file, zip);
        } catch (IOException notAZip) {
            // not a zip, or a damaged one: POI's refusal names the problem better than we could
        }
    }

    private void checkDeclared(Path file, ZipFile zip) {
        long total = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            long size = Math.max(entry.getSize(), 0); // -1: unknown, found out below
            if (size > maxPart) {
                throw partTooLarge(file, entry, "declares " + megabytes(size));
            }
            total += size;
            if (total > maxTotal) {
                throw totalTooLarge(file, "declare " + megabytes(total) + " and more");
            }
        }
    }

    private void checkInflated(Path file, ZipFile zip) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            long part = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    part += n;
                    total += n;
                    if (part > maxPart) {
                        throw partTooLarge(file, entry, "inflates to more than " + megabytes(maxPart)
                                + " (its directory says " + megabytes(Math.max(entry.getSize(), 0)) + ")");
                    }
                    if (total > maxTotal) {
                        throw totalTooLarge(file, "inflate to more than " + megabytes(maxTotal));
                    }
                }
            }
        }
    }

    private SheetRefusedException partTooLarge(Path file, ZipEntry entry, String how) {
        return SheetRefusedException.file("'" + file.getFileName() + "' is refused as a zip bomb: its part "
                + Fields.abbreviate(entry.getName()) + " " + how + ", beyond the " + megabytes(maxPart)
                + " a part may inflate to (ledger.imports.max-inflated-part-size); ICE's sheets inflate to"
                + " less than 1 MB");
    }

    private SheetRefusedException totalTooLarge(Path file, String how) {
        return SheetRefusedException.file("'" + file.getFileName() + "' is refused as a zip bomb: its parts "
                + how + ", beyond the " + megabytes(maxTotal) + " a workbook may inflate to"
                + " (ledger.imports.max-inflated-size); ICE's sheets inflate to less than 1 MB");
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,.1f MB", bytes / (double) MB);
    }
}
