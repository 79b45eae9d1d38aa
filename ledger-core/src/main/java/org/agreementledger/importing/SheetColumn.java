package org.agreementledger.importing;

/** The columns of ICE's 287(g) sheets, by the header text ICE prints. */
public enum SheetColumn {
    STATE("STATE"),
    AGENCY("LAW ENFORCEMENT AGENCY"),
    TYPE("TYPE"),
    COUNTY("COUNTY"),
    SUPPORT_TYPE("SUPPORT TYPE"),
    SIGNED("SIGNED"),
    MOA("MOA"),
    ADDENDUM("ADDENDUM");

    private final String header;

    SheetColumn(String header) {
        this.header = header;
    }

    /** The header as ICE prints it, and the field name in problems about this column. */
    public String header() {
        return header;
    }

    String key() {
        return CellText.headerKey(header);
    }
}
