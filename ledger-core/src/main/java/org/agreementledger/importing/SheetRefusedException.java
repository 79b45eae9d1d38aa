package org.agreementledger.importing;

import org.agreementledger.api.InvalidFieldException;

/**
 * A whole file refused before any of its rows is handed out: not a workbook, empty, a zip bomb,
 * hostile XML, or a header without a required column. The field is {@code file} or the missing
 * column's name, so an import report can say exactly what to fix.
 */
public class SheetRefusedException extends InvalidFieldException {

    public static final String FILE = "file";

    public SheetRefusedException(String field, String problem) {
        super(field, problem);
    }

    public SheetRefusedException(String field, String problem, Throwable cause) {
        super(field, problem);
        initCause(cause);
    }

    static SheetRefusedException file(String problem) {
        return new SheetRefusedException(FILE, problem);
    }

    static SheetRefusedException file(String problem, Throwable cause) {
        return new SheetRefusedException(FILE, problem, cause);
    }
}
