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
        if (claimed.isAfter(today)) {
            return future(publication, rows, latestApplied, today);
        }
        if (rows.count() == 0) {
            return new Checked(publication, null);
        }
        String contradiction = "the file name" + (publication.dated() == Publication.Dated.CAPTURE
                ? "'s capture timestamp" : "") + " says " + claimed + ", but row " + rows.latest().sheetRow() + " ("
                + rows.latest().agencyName() + ") is signed " + rows.latest().signedOn() + ", after it"
                + (rows.count() == 2 ? ", as is one other row"
                : rows.count() > 2 ? String.format(Locale.ROOT, ", as are %,d other rows", rows.count() - 1) : "");
        if (publication.dated() == Publication.Dated.FILE_NAME && rows.count() > 1) {
            List<LocalDate> years = laterYears(claimed, rows.latest().signedOn(), latestApplied, today);
            if (years.size() == 1) {
                LocalDate date = years.get(0);
                return new Checked(publication.redated(date, Publication.Dated.FILE_NAME_REPAIRED),
                        new RowNote(0, Publication.PUBLISHED_ON, publication.fileName(),
                                contradiction + "; read as " + date + " by rule " + NAME_YEAR));
            }
        }
        throw new InvalidFieldException(Publication.PUBLISHED_ON, contradiction + "; give the publication date"
                + " explicitly (--published-on, or the manifest's publishedOn)");
    }

    /**
     * No list is posted after the day it is imported: a name dated later has its year wrong the other
     * way, repaired by the same rule when exactly one earlier year puts the list on or after its latest
     * row, on or before today, and not before the latest list applied.
     */
    private static Checked future(Publication publication, Contradictions rows, LocalDate latestApplied,
                                  LocalDate today) {
        LocalDate claimed = publication.publishedOn();
        String contradiction = "the file name" + (publication.dated() == Publication.Dated.CAPTURE
                ? "'s capture timestamp" : "") + " says " + claimed + ", after today (" + today + ")";
        if (publication.dated() == Publication.Dated.FILE_NAME) {
            List<LocalDate> years = new ArrayList<>();
            LocalDate floor = rows.latestSigned() == null ? SignedDateReader.SECTION_287G_ENACTED : rows.latestSigned();
            for (int year = claimed.getYear() - 1; year >= floor.getYear(); year--) {
                LocalDate candidate = sameDay(claimed, year);
                if (candidate != null && !candidate.isBefore(floor) && !candidate.isAfter(today)
                        && (latestApplied == null || !candidate.isBefore(latestApplied))) {
                    years.add(candidate);
                }
            }
            if (years.size() == 1) {
                return new Checked(publication.redated(years.get(0), Publication.Dated.FILE_NAME_REPAIRED),
                        new RowNote(0, Publication.PUBLISHED_ON, publication.fileName(), contradiction
                                + "; read as " + years.get(0) + " by rule " + NAME_YEAR));
            }
        }
        throw new InvalidFieldException(Publication.PUBLISHED_ON, contradiction + "; give the publication date"
                + " explicitly (--published-on, or the manifest's publishedOn)");
    }

    private static LocalDate sameDay(LocalDate date, int year) {
        try {
            LocalDate candidate = date.withYear(year);
            return candidate.getDayOfMonth() == date.getDayOfMonth() ? candidate : null;
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    private static List<LocalDate> laterYears(LocalDate claimed, LocalDate latestRow, LocalDate latestApplied,
                                              LocalDate today) {
        List<LocalDate> years = new ArrayList<>();
        for (int year = claimed.getYear() + 1; year <= today.getYear(); year++) {
            LocalDate candidate = sameDay(claimed, year);
            if (candidate != null && !candidate.isBefore(latestRow)
                    && !candidate.isAfter(today) && (latestApplied == null || !candidate.isBefore(latestApplied))) {
                years.add(candidate);
            }
        }
        return years;
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
