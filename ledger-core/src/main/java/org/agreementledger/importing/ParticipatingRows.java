package org.agreementledger.importing;

import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns a participating-agencies row into a {@link SheetRow}, or a {@link RowProblem}; null for a blank row. */
final class ParticipatingRows implements Function<RawRow, SheetLine> {

    private static final Pattern URL = Pattern.compile("(?i)https?://\\S+");

    private final AgencyColumns columns;
    private final SignedDateReader dates;

    ParticipatingRows(SheetHeader header, SignedDateReader dates) {
        this.columns = new AgencyColumns(header);
        this.dates = dates;
    }

    @Override
    public SheetLine apply(RawRow row) {
        return columns.line(row, agency -> new SheetRow(row.sheetRow(), agency.state(), agency.agencyName(),
                agency.agencyType(), agency.county(), agency.model(),
                signed(columns.cell(row, SheetColumn.SIGNED)),
                moaText(columns.cell(row, SheetColumn.MOA)),
                link(columns.cell(row, SheetColumn.MOA)),
                linkOrText(columns.cell(row, SheetColumn.ADDENDUM)),
                agency.repairs()), problem -> problem);
    }

    private SignedDate signed(RawCell cell) {
        if (cell == null || cell.blank()) {
            return SignedDate.undated("", "SIGNED is blank");
        }
        if (cell.error()) {
            return SignedDate.undated(cell.text(), "SIGNED is the Excel error " + cell.text());
        }
        if (cell.number() != null) {
            return dates.fromSerial(cell.number(), cell.text());
        }
        return dates.fromText(cell.text());
    }

    /** Tidied, because ICE pasted {@code link\u00a0|\u00a0addendum} with non-breaking spaces. */
    private static String moaText(RawCell cell) {
        return cell == null ? null : CellText.clean(cell.value());
    }

    /** ICE hyperlinks the word "link"; a cell holding the URL itself counts too. */
    private static String link(RawCell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.hyperlink() != null) {
            return cell.hyperlink();
        }
        String text = cell.value();
        return text != null && URL.matcher(text).matches() ? text : null;
    }

    private static String linkOrText(RawCell cell) {
        if (cell == null) {
            return null;
        }
        return cell.hyperlink() != null ? cell.hyperlink() : cell.value();
    }
}
