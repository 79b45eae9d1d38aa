package org.agreementledger.importing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.agreementledger.api.Fields;

/**
 * Opens ICE's 287(g) spreadsheets ({@code .xlsx}, or {@code .csv} with the same header) for
 * reading one row at a time.
 *
 * <pre>{@code
 * Publication publication = Publication.of(file);
 * try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, publication.publishedOn())) {
 *     while (sheet.hasNext()) {
 *         SheetLine line = sheet.next();
 *         if (line instanceof SheetRow row) { ... } else if (line instanceof RowProblem problem) { ... }
 *     }
 * }
 * }</pre>
 *
 * A file that cannot be a sheet at all (empty, not a workbook, zip bomb, hostile XML, a required
 * column missing) is refused with a {@link SheetRefusedException} by these methods, before any row
 * is returned. Rows that cannot be read come back as {@link RowProblem}s; reading goes on.
 */
public final class IceSheetReader {

    /** The participating list's required columns; TYPE, COUNTY, MOA and ADDENDUM are optional. */
    public static final Set<SheetColumn> PARTICIPATING_REQUIRED = Set.copyOf(EnumSet.of(
            SheetColumn.STATE, SheetColumn.AGENCY, SheetColumn.SUPPORT_TYPE, SheetColumn.SIGNED));
    /** The pending list has no SIGNED or MOA; TYPE and COUNTY are optional. */
    public static final Set<SheetColumn> PENDING_REQUIRED = Set.copyOf(EnumSet.of(
            SheetColumn.STATE, SheetColumn.AGENCY, SheetColumn.SUPPORT_TYPE));

    private IceSheetReader() {
    }

    /**
     * A participating-agencies sheet.
     *
     * @param publishedOn the publication date: a SIGNED date after it is implausible
     */
    public static IceSheet<SheetLine> participating(Path file, LocalDate publishedOn) {
        Fields.required(Publication.PUBLISHED_ON, publishedOn);
        return open(file, PARTICIPATING_REQUIRED,
                (source, header) -> new ParticipatingRows(header, new SignedDateReader(publishedOn, source.date1904())));
    }

    /** A pending-agencies sheet. */
    public static IceSheet<PendingLine> pending(Path file) {
        return open(file, PENDING_REQUIRED, (source, header) -> new PendingRows(header));
    }

    private interface LineReaders<L> {
        Function<RawRow, L> of(RowSource source, SheetHeader header);
    }

    private static <L> IceSheet<L> open(Path file, Set<SheetColumn> required, LineReaders<L> readers) {
        Fields.required(SheetRefusedException.FILE, file);
        RowSource source = FileKind.of(file) == FileKind.CSV ? CsvRowSource.open(file) : XlsxRowSource.open(file);
        try {
            SheetHeader header = header(source, file, required);
            return new IceSheet<>(source, header, readers.of(source, header));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** How many rows with something in them may come before the header (a title, a date line). */
    static final int HEADER_WITHIN = 10;

    /**
     * The header is the first row with every required column, among the first {@value #HEADER_WITHIN}
     * rows with anything in them (rows above it, a title say, are not data); if none has them, the
     * first row with anything in it is the header, refused for what it lacks.
     */
    private static SheetHeader header(RowSource source, Path file, Set<SheetColumn> required) {
        SheetRefusedException first = null;
        int seen = 0;
        while (source.hasNext() && seen < HEADER_WITHIN) {
            RawRow row = source.next();
            if (row.blank()) {
                continue;
            }
            seen++;
            try {
                return SheetHeader.of(row, required);
            } catch (SheetRefusedException notTheHeader) {
                first = first == null ? notTheHeader : first;
            }
        }
        if (first != null) {
            throw first;
        }
        throw SheetRefusedException.file("'" + file.getFileName() + "' has no header row: the sheet is empty");
    }
}
