package org.agreementledger.importing;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.util.XMLHelper;

/**
 * Pull parsing of worksheet XML. POI's factory already refuses external entities and DTD
 * loading; we go further and refuse any DOCTYPE at all, since no part Excel writes has one and
 * a sheet carrying one was crafted (XXE, billion laughs).
 */
final class WorksheetXml {

    private static final XMLInputFactory FACTORY = XMLHelper.newXMLInputFactory();

    private WorksheetXml() {
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** The next event, refusing a DOCTYPE wherever it appears. */
    static int next(XMLStreamReader xml, String part) throws XMLStreamException {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
            throw SheetRefusedException.file("the " + part + " XML declares a DOCTYPE, which Excel never writes;"
                    + " refused as a possible XML external entity (XXE) attack");
        }
        return event;
    }

    /** Skips the element the reader is on, with everything inside it. */
    static void skip(XMLStreamReader xml, String part) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = next(xml, part);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The text inside the element the reader is on; refuses nested elements like getElementText. */
    static String text(XMLStreamReader xml, String part) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next(xml, part);
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (depth == 1) {
                        text.append(xml.getText());
                    }
                    break;
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw SheetRefusedException.file("the " + part + " XML refers to an entity '"
                            + xml.getLocalName() + "'; refused as a possible XML external entity (XXE) attack");
                case XMLStreamConstants.START_ELEMENT:
                    depth++;
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    break;
                default:
                    break;
            }
        }
        return text.toString();
    }

    /** 0-based column of a cell reference such as {@code G452}; -1 if it has no letters. */
    static int column(String cellRef) {
        int column = 0;
        int i = 0;
        while (i < cellRef.length() && Character.isLetter(cellRef.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(cellRef.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? -1 : column - 1;
    }

    /** The letters a spreadsheet shows for a 0-based column: 0 is {@code A}, 26 is {@code AA}. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /** 1-based row of a cell reference such as {@code G452}; -1 if it has no digits. */
    static int row(String cellRef) {
        int i = 0;
        while (i < cellRef.length() && Character.isLetter(cellRef.charAt(i))) {
            i++;
        }
        try {
            return Integer.parseInt(cellRef.substring(i));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
