package org.agreementledger.importing;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An open ICE sheet whose header has been checked, handing out one line per non-blank data row
 * as it reads them: nobody holds the whole sheet. Close it (try-with-resources) when done.
 *
 * @param <L> {@link SheetLine} for the participating list, {@link PendingLine} for the pending list
 */
public final class IceSheet<L> implements Iterator<L>, AutoCloseable {

    private final RowSource source;
    private final SheetHeader header;
    private final Function<RawRow, L> lines;
    private L next;

    IceSheet(RowSource source, SheetHeader header, Function<RawRow, L> lines) {
        this.source = source;
        this.header = header;
        this.lines = lines;
    }

    /**
     * Data rows the file declares, for a progress bar: the worksheet's row elements after the
     * header, blank formatted rows included, so an upper bound. Empty for CSV.
     */
    public OptionalInt estimatedRows() {
        OptionalInt declared = source.declaredRows();
        return declared.isPresent()
                ? OptionalInt.of(Math.max(0, declared.getAsInt() - header.sheetRow()))
                : OptionalInt.empty();
    }

    /** The header names as printed, in column order. */
    public List<String> header() {
        return header.printed();
    }

    /** The header's row (1-based) and the headers it read by a spelling rule. */
    public int headerRow() {
        return header.sheetRow();
    }

    public List<CellRepair> headerRepairs() {
        return header.repairs();
    }

    /** Whether the sheet has a column (ADDENDUM appears only in some publications). */
    public boolean has(SheetColumn column) {
        return header.has(column);
    }

    @Override
    public boolean hasNext() {
        while (next == null && source.hasNext()) {
            next = lines.apply(source.next());
        }
        return next != null;
    }

    @Override
    public L next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        L line = next;
        next = null;
        return line;
    }

    /** The remaining lines as a sequential stream; closing the stream closes the sheet. */
    public Stream<L> stream() {
        Spliterator<L> lines = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(lines, false).onClose(this::close);
    }

    @Override
    public void close() {
        source.close();
    }
}
