package org.agreementledger.importing;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * The first worksheet of an xlsx, streamed with POI's event API ({@link XSSFReader},
 * {@link ReadOnlySharedStringsTable}) and a StAX pull parser, so memory does not grow with the
 * number of rows: only the shared strings and the hyperlinks are held.
 *
 * <p>The sheet XML is read twice. The first pass collects the hyperlinks (Excel writes them after
 * the rows) and counts the rows; it also means a zip bomb, hostile XML or a truncated file is
 * refused before a single row is handed out.
 */
final class XlsxRowSource implements RowSource {

    static {
        ZipBombGuard.install();
    }

    private static final String RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String SHEET = "worksheet";

    private final OPCPackage workbook;
    private final ReadOnlySharedStringsTable strings;
    private final Hyperlinks hyperlinks;
    private final int declaredRows;
    private final boolean date1904;
    private final InputStream sheetStream;
    private final XMLStreamReader xml;
    private RawRow next;
    private boolean finished;
    private int lastRow;

    private XlsxRowSource(OPCPackage workbook, ReadOnlySharedStringsTable strings, PreScan scan, boolean date1904,
                          InputStream sheetStream) throws XMLStreamException {
        this.workbook = workbook;
        this.strings = strings;
        this.hyperlinks = scan.hyperlinks;
        this.declaredRows = scan.rows;
        this.date1904 = date1904;
        this.sheetStream = sheetStream;
        this.xml = WorksheetXml.open(sheetStream);
    }

    static XlsxRowSource open(Path file) {
        OPCPackage workbook = null;
        InputStream sheetStream = null;
        // before POI inflates anything: a bomb under POI's ratio would otherwise be parsed whole
        WorkbookBudget.inForce().check(file);
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            boolean date1904 = date1904(reader);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            PackagePart sheet = firstSheet(reader);
            PreScan scan = PreScan.of(sheet);
            sheetStream = sheet.getInputStream();
            return new XlsxRowSource(workbook, strings, scan, date1904, sheetStream);
        } catch (SheetRefusedException e) {
            closeQuietly(sheetStream, workbook);
            throw e;
        } catch (Exception | StackOverflowError e) {
            closeQuietly(sheetStream, workbook);
            throw refusal(file, e);
        }
    }

    private static SheetRefusedException refusal(Path file, Throwable e) {
        if (ZipBombGuard.isZipBomb(e)) {
            return SheetRefusedException.file("'" + file.getFileName() + "' looks like a zip bomb: a part of it"
                    + " expands more than " + Math.round(1 / ZipBombGuard.MIN_INFLATE_RATIO)
                    + " times or beyond " + (ZipBombGuard.MAX_ENTRY_SIZE >> 20) + " MiB; no real ICE sheet does", e);
        }
        String cause = firstLine(e);
        if (cause.contains("DOCTYPE")) {
            return SheetRefusedException.file("'" + file.getFileName() + "' has XML that declares a DOCTYPE, which"
                    + " Excel never writes; refused as a possible XML external entity (XXE) attack", e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? cause : cause + " (" + firstLine(root) + ")";
        return SheetRefusedException.file("'" + file.getFileName() + "' cannot be read as an xlsx workbook"
                + " (damaged, truncated, or another kind of zip): " + detail.replace(file.toString(), file.getFileName().toString()), e);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static PackagePart firstSheet(XSSFReader reader) throws Exception {
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        if (!sheets.hasNext()) {
            throw SheetRefusedException.file("the workbook has no worksheet");
        }
        sheets.next().close();
        return sheets.getSheetPart();
    }

    /** Old Mac workbooks count days from 1904; the flag is on workbook.xml's workbookPr. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader xml = WorksheetXml.open(in);
            while (xml.hasNext()) {
                int event = WorksheetXml.next(xml, "workbook");
                if (event == START_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("workbookPr".equals(name)) {
                        String flag = xml.getAttributeValue(null, "date1904");
                        return "1".equals(flag) || "true".equalsIgnoreCase(flag);
                    }
                    if ("sheets".equals(name)) {
                        return false;
                    }
                }
            }
            return false;
        }
    }

    /** What the first pass learns: hyperlink targets and the number of row elements. */
    private static final class PreScan {
        final Hyperlinks hyperlinks = new Hyperlinks();
        int rows;

        static PreScan of(PackagePart sheet) throws Exception {
            PreScan scan = new PreScan();
            try (InputStream in = sheet.getInputStream()) {
                XMLStreamReader xml = WorksheetXml.open(in);
                while (xml.hasNext()) {
                    if (WorksheetXml.next(xml, SHEET) != START_ELEMENT) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    if ("row".equals(name)) {
                        scan.rows++;
                        checkRowNumber(xml.getAttributeValue(null, "r"));
                    } else if ("hyperlink".equals(name)) {
                        scan.hyperlink(sheet, xml);
                    }
                }
            }
            return scan;
        }

        private static void checkRowNumber(String r) {
            if (r != null && !r.trim().matches("\\d{1,7}")) {
                throw SheetRefusedException.file("the worksheet XML has a row numbered '" + r + "'");
            }
        }

        private void hyperlink(PackagePart sheet, XMLStreamReader xml) throws Exception {
            String ref = xml.getAttributeValue(null, "ref");
            String id = xml.getAttributeValue(RELATIONSHIPS_NS, "id");
            if (ref == null || id == null) {
                return; // a link to a place inside the workbook, not an MOA
            }
            PackageRelationship relationship = sheet.getRelationship(id);
            if (relationship != null) {
                hyperlinks.add(ref, relationship.getTargetURI().toString());
            }
        }
    }

    @Override
    public OptionalInt declaredRows() {
        return OptionalInt.of(declaredRows);
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = readRow();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public RawRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRow row = next;
        next = null;
        return row;
    }

    private RawRow readRow() {
        try {
            while (xml.hasNext()) {
                int event = WorksheetXml.next(xml, SHEET);
                if (event == START_ELEMENT && "row".equals(xml.getLocalName())) {
                    return row();
                }
                if (event == END_ELEMENT && "sheetData".equals(xml.getLocalName()) || event == END_DOCUMENT) {
                    return null;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw SheetRefusedException.file("the worksheet XML is broken after row " + lastRow + ": "
                    + e.getMessage(), e);
        }
    }

    private RawRow row() throws XMLStreamException {
        int rowNumber = rowNumber(xml.getAttributeValue(null, "r"));
        lastRow = rowNumber;
        List<RawCell> cells = new ArrayList<>();
        int nextColumn = 0;
        while (true) {
            int event = WorksheetXml.next(xml, SHEET);
            if (event == START_ELEMENT && "c".equals(xml.getLocalName())) {
                String ref = xml.getAttributeValue(null, "r");
                int column = ref == null ? nextColumn : WorksheetXml.column(ref);
                if (column < 0) {
                    column = nextColumn;
                }
                nextColumn = column + 1;
                RawCell cell = cell(xml.getAttributeValue(null, "t"), rowNumber, column);
                while (cells.size() <= column) {
                    cells.add(null);
                }
                cells.set(column, cell);
            } else if (event == START_ELEMENT) {
                WorksheetXml.skip(xml, SHEET);
            } else if (event == END_ELEMENT && "row".equals(xml.getLocalName())) {
                return new RawRow(rowNumber, cells);
            }
        }
    }

    /** The r attribute is optional in the file format; without it a row follows the previous one. */
    private int rowNumber(String r) {
        try {
            return r == null ? lastRow + 1 : Integer.parseInt(r.trim());
        } catch (NumberFormatException e) {
            throw SheetRefusedException.file("the worksheet XML has a row numbered '" + r + "' after row " + lastRow, e);
        }
    }

    /** Reads a {@code <c>} element; the type attribute says how to read its {@code <v>}. */
    private RawCell cell(String type, int row, int column) throws XMLStreamException {
        String value = null;
        String inline = null;
        while (true) {
            int event = WorksheetXml.next(xml, SHEET);
            if (event == START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    value = WorksheetXml.text(xml, SHEET);
                } else if ("is".equals(name)) {
                    inline = inlineString();
                } else {
                    WorksheetXml.skip(xml, SHEET); // <f>: the cached value in <v> is what ICE saw
                }
            } else if (event == END_ELEMENT && "c".equals(xml.getLocalName())) {
                break;
            }
        }
        String link = hyperlinks.target(row, column);
        String kind = type == null ? "n" : type;
        switch (kind) {
            case "s":
                return new RawCell(value == null ? null : sharedString(value, row), null, false, link);
            case "inlineStr":
                return new RawCell(inline != null ? inline : value, null, false, link);
            case "e":
                return new RawCell(value, null, true, link);
            case "b":
                return new RawCell(value == null ? null : "1".equals(value.trim()) ? "TRUE" : "FALSE", null, false, link);
            case "n":
                return number(value, link);
            default: // "str" (a formula's text) and "d" (an ISO date as text)
                return new RawCell(value, null, false, link);
        }
    }

    private static RawCell number(String value, String link) {
        if (value == null || value.isBlank()) {
            return new RawCell(null, null, false, link);
        }
        try {
            double number = Double.parseDouble(value.trim());
            // Excel writes 45785, POI 45785.0: both are the serial a person would quote
            boolean whole = number == Math.rint(number) && Math.abs(number) < 1e15;
            return new RawCell(whole ? Long.toString((long) number) : value.trim(), number, false, link);
        } catch (NumberFormatException notANumber) {
            return new RawCell(value, null, false, link);
        }
    }

    private String sharedString(String index, int row) {
        try {
            return strings.getItemAt(Integer.parseInt(index.trim())).getString();
        } catch (RuntimeException e) {
            throw SheetRefusedException.file("row " + row + " points at shared string '" + index
                    + "', which the workbook does not have", e);
        }
    }

    /** An inline string's text, leaving out phonetic guides ({@code <rPh>}) as Excel shows it. */
    private String inlineString() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = WorksheetXml.next(xml, SHEET);
            if (event == START_ELEMENT) {
                String name = xml.getLocalName();
                if ("t".equals(name)) {
                    text.append(WorksheetXml.text(xml, SHEET));
                } else if (!"r".equals(name)) {
                    WorksheetXml.skip(xml, SHEET);
                }
            } else if (event == END_ELEMENT && "is".equals(xml.getLocalName())) {
                return text.toString();
            }
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // closing; nothing left to read
        }
        closeQuietly(sheetStream, workbook);
    }

    private static void closeQuietly(InputStream in, OPCPackage workbook) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // closing after a failure or at the end; the original problem matters more
        }
        if (workbook != null) {
            workbook.revert();
        }
    }
}
