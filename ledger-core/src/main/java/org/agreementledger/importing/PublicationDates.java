package org.agreementledger.importing;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.InvalidFieldException;

/**
 * A file name's date is a claim to check. ICE has named lists with the wrong year (its
 * {@code participatingAgencies01052025pm.xlsx} was posted on 2026-01-05 and lists agreements signed
 * in December 2025), and a list dated a year early would withdraw and re-sign a year of agreements.
 * Nobody can list an agreement before it is signed, so a list holding rows signed after the date in
 * its name is refused, naming the latest such row and both dates, unless the date was given
 * explicitly. One repair is made, by the rule {@value #NAME_YEAR}: when the rows contradicting the
 * name are more than a lone row (a lone row is likelier a typo in its SIGNED) and exactly one later
 * year puts the list on or after its latest row, on or before the day of the import, and not before
 * the latest list the ledger has applied, that year is taken and the repair reported with the list.
 * A capture's timestamp is a fact, not ICE's claim: contradicted, the file is refused.
 */
public final class PublicationDates {

    /** The rule that repairs the year in ICE's file name. */
    public static final String NAME_YEAR = "NAME_YEAR";

    private PublicationDates() {
    }

    /**
     * The publication, dated as checked.
     *
     * @param repair the note of a repaired name, for the import report; null if none was needed
     */
    public record Checked(Publication publication, RowNote repair) {
    }

    /**
     * @param latestApplied the latest publication date the ledger has applied, or null
     * @param today         the day of the import: no list is posted after it
     */
    public static Checked check(Publication publication, Path file, LocalDate latestApplied, LocalDate today) {
        if (publication.dated() == Publication.Dated.GIVEN || publication.kind() != PublicationKind.PARTICIPATING) {
            return new Checked(publication, null);
        }
        LocalDate claimed = publication.publishedOn();
        Contradictions rows = Contradictions.of(file, claimed, today);
        String says = "the file name" + (publication.dated() == Publication.Dated.CAPTURE
                ? "'s capture timestamp" : "") + " says " + claimed;
        boolean repairable = publication.dated() == Publication.Dated.FILE_NAME;
        if (claimed.isAfter(today)) {
            // no list is posted after the day it is imported: the year is wrong the other way
            LocalDate floor = rows.latestSigned() == null ? SignedDateReader.SECTION_287G_ENACTED : rows.latestSigned();
            return repairedOrRefused(publication, says + ", after today (" + today + ")",
                    repairable ? otherYears(claimed, floor.getYear(), claimed.getYear() - 1, floor, latestApplied, today)
                            : List.of());
        }
        if (rows.count() == 0) {
            return new Checked(publication, null);
        }
        String contradiction = says + ", but row " + rows.latest().sheetRow() + " ("
                + rows.latest().agencyName() + ") is signed " + rows.latest().signedOn() + ", after it"
                + (rows.count() == 2 ? ", as is one other row"
                : rows.count() > 2 ? String.format(Locale.ROOT, ", as are %,d other rows", rows.count() - 1) : "");
        // a lone contradicting row is likelier a typo in its SIGNED than a wrong name
        return repairedOrRefused(publication, contradiction, repairable && rows.count() > 1
                ? otherYears(claimed, claimed.getYear() + 1, today.getYear(), rows.latest().signedOn(), latestApplied,
                        today)
                : List.of());
    }

    /** The one year that fits taken, reported with why; refused when none or several fit. */
    private static Checked repairedOrRefused(Publication publication, String contradiction, List<LocalDate> years) {
        if (years.size() == 1) {
            LocalDate date = years.get(0);
            return new Checked(publication.redated(date, Publication.Dated.FILE_NAME_REPAIRED),
                    new RowNote(0, Publication.PUBLISHED_ON, publication.fileName(),
                            contradiction + "; read as " + date + " by rule " + NAME_YEAR));
        }
        throw new InvalidFieldException(Publication.PUBLISHED_ON, contradiction + "; give the publication date"
                + " explicitly (--published-on, or the manifest's publishedOn)");
    }

    /**
     * The claimed day and month in the years {@code from} to {@code to} (either way round) that are on or
     * after {@code notBefore} (the list's latest row), on or before today, and not before the latest list
     * applied.
     */
    private static List<LocalDate> otherYears(LocalDate claimed, int from, int to, LocalDate notBefore,
                                              LocalDate latestApplied, LocalDate today) {
        List<LocalDate> years = new ArrayList<>();
        for (int year = Math.min(from, to); year <= Math.max(from, to); year++) {
            LocalDate candidate = sameDay(claimed, year);
            if (candidate != null && !candidate.isBefore(notBefore) && !candidate.isAfter(today)
                    && (latestApplied == null || !candidate.isBefore(latestApplied))) {
                years.add(candidate);
            }
        }
        return years;
    }

    private static LocalDate sameDay(LocalDate date, int year) {
        try {
            LocalDate candidate = date.withYear(year);
            return candidate.getDayOfMonth() == date.getDayOfMonth() ? candidate : null;
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** The rows signed after the claimed date: how many, and the latest; and the latest signing of all. */
    private record Contradictions(int count, SheetRow latest, LocalDate latestSigned) {

        static Contradictions of(Path file, LocalDate claimed, LocalDate today) {
            int count = 0;
            SheetRow latest = null;
            LocalDate latestSigned = null;
            // read with today as the bound of a plausible date, so a row after the claim reads as written
            try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, today)) {
                while (sheet.hasNext()) {
                    if (sheet.next() instanceof SheetRow row && row.signedOn() != null) {
                        if (latestSigned == null || row.signedOn().isAfter(latestSigned)) {
                            latestSigned = row.signedOn();
                        }
                        if (row.signedOn().isAfter(claimed)) {
                            count++;
                            if (latest == null || row.signedOn().isAfter(latest.signedOn())) {
                                latest = row;
                            }
                        }
                    }
                }
            } catch (SheetRefusedException refused) {
                return new Contradictions(0, null, null); // the import proper refuses or holds it, saying why
            }
            return new Contradictions(count, latest, latestSigned);
        }
    }
}
