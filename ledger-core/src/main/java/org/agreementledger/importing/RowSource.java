package org.agreementledger.importing;

import java.util.Iterator;
import java.util.OptionalInt;

/** Rows of one sheet file, read one at a time; the header is the first row like any other. */
interface RowSource extends Iterator<RawRow>, AutoCloseable {

    /** Rows the file declares, header included, if known without reading them; an upper bound. */
    OptionalInt declaredRows();

    /** The workbook counts dates from 1904 (old Mac Excel); false for CSV. */
    boolean date1904();

    @Override
    void close();
}
