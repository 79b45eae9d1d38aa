package org.agreementledger.importing;

import static org.agreementledger.importing.SignedDateRule.EXCEL_SERIAL;
import static org.agreementledger.importing.SignedDateRule.EXCEL_SERIAL_TEXT;
import static org.agreementledger.importing.SignedDateRule.EXTRA_YEAR_DIGIT;
import static org.agreementledger.importing.SignedDateRule.ISO_DATE;
import static org.agreementledger.importing.SignedDateRule.MISSING_SEPARATOR;
import static org.agreementledger.importing.SignedDateRule.MONTH_DAY_SWAPPED;
import static org.agreementledger.importing.SignedDateRule.MONTH_NAME;
import static org.agreementledger.importing.SignedDateRule.US_DATE;
import static org.agreementledger.importing.SignedDateRule.US_DATE_SHORT_YEAR;
import static org.agreementledger.importing.SignedDateRule.YEAR_DIGITS_TRANSPOSED;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.Fields;

/**
 * Reads ICE's SIGNED column for one publication. A date is plausible if it is on or after
 * 1996-09-30 (section 287(g) enacted) and on or before the publication date: nobody can list an
 * agreement signed after the list was posted. Typos are repaired only by the named
 * {@link SignedDateRule}s and only into a single plausible date; anything else stays undated
 * rather than guessed, because a wrong signing date would misdate an agreement in the ledger.
 */
public final class SignedDateReader {

    /** Section 287(g) was added to the Immigration and Nationality Act on this day. */
    public static final LocalDate SECTION_287G_ENACTED = LocalDate.of(1996, 9, 30);

    /** Excel's 1900 system counts from 1899-12-30 (it believes 1900 was a leap year). */
    private static final LocalDate EXCEL_1900_EPOCH = LocalDate.of(1899, 12, 30);
    private static final LocalDate EXCEL_1904_EPOCH = LocalDate.of(1904, 1, 1);
    /** 9999-12-31, the last day Excel can show. */
    private static final double EXCEL_LAST_SERIAL = 2_958_465;

    private static final Pattern SERIAL = Pattern.compile("\\d{5}(?:\\.\\d+)?");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern US = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2,5})");
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("([A-Za-z]{3,})\\.?[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*|\\s+|-)(\\d{2}|\\d{4,5})");
    private static final Pattern DAY_MONTH_YEAR =
            Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+([A-Za-z]{3,})\\.?(?:,\\s*|\\s+|-)(\\d{2}|\\d{4,5})");
    /** Month, separator, then day and year run together: 05/082025, 1/152025. */
    private static final Pattern NO_SEPARATOR_AFTER_DAY = Pattern.compile("(\\d{1,2})[/.-](\\d{5,6})");
    /** Month and day run together: 0508/2025. */
    private static final Pattern NO_SEPARATOR_AFTER_MONTH = Pattern.compile("(\\d{2,4})[/.-](\\d{4})");
    /** No separator at all: 05082025. */
    private static final Pattern NO_SEPARATORS = Pattern.compile("(\\d{2,4})(\\d{4})");
    private static final Pattern TIME_OF_DAY =
            Pattern.compile("(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s*[AaPp]\\.?[Mm]\\.?)?)$");

    private final LocalDate publishedOn;
    private final boolean date1904;

    public SignedDateReader(LocalDate publishedOn) {
        this(publishedOn, false);
    }

    /** @param date1904 the workbook uses Excel's 1904 date system (old Mac workbooks) */
    public SignedDateReader(LocalDate publishedOn, boolean date1904) {
        this.publishedOn = Fields.required(Publication.PUBLISHED_ON, publishedOn);
        this.date1904 = date1904;
    }

    public boolean plausible(LocalDate date) {
        return !date.isBefore(SECTION_287G_ENACTED) && !date.isAfter(publishedOn);
    }

    /** A numeric SIGNED cell; {@code raw} is the number as stored in the file. */
    public SignedDate fromSerial(double serial, String raw) {
        return serial(serial, raw, EXCEL_SERIAL);
    }

    /** A text SIGNED cell (or any CSV value). */
    public SignedDate fromText(String rawText) {
        String raw = rawText == null ? "" : rawText;
        String text = CellText.clean(raw);
        if (text == null) {
            return SignedDate.undated(raw, "blank");
        }
        text = TIME_OF_DAY.matcher(text).replaceFirst("");
        Matcher m;
        if (SERIAL.matcher(text).matches()) {
            return serial(Double.parseDouble(text), raw, EXCEL_SERIAL_TEXT);
        }
        if ((m = ISO.matcher(text)).matches()) {
            return resolve(raw, num(m.group(2)), num(m.group(3)), m.group(1), ISO_DATE);
        }
        if ((m = US.matcher(text)).matches()) {
            return resolve(raw, num(m.group(1)), num(m.group(2)), m.group(3), US_DATE);
        }
        if ((m = MONTH_DAY_YEAR.matcher(text)).matches() && month(m.group(1)) > 0) {
            return resolve(raw, month(m.group(1)), num(m.group(2)), m.group(3), MONTH_NAME);
        }
        if ((m = DAY_MONTH_YEAR.matcher(text)).matches() && month(m.group(2)) > 0) {
            return resolve(raw, month(m.group(2)), num(m.group(1)), m.group(3), MONTH_NAME);
        }
        SignedDate unseparated = missingSeparator(raw, text);
        if (unseparated != null) {
            return unseparated;
        }
        return SignedDate.undated(raw, "'" + Fields.abbreviate(text) + "' is not a date in any known form");
    }

    private SignedDate serial(double serial, String raw, SignedDateRule rule) {
        if (!Double.isFinite(serial) || serial < 1 || serial >= EXCEL_LAST_SERIAL + 1) {
            return SignedDate.undated(raw, "serial " + raw + " is outside Excel's calendar");
        }
        LocalDate date = (date1904 ? EXCEL_1904_EPOCH : EXCEL_1900_EPOCH).plusDays((long) Math.floor(serial));
        return resolve(raw, date.getMonthValue(), date.getDayOfMonth(), String.valueOf(date.getYear()), rule);
    }

    /** Month, day and the year's digits as written, through the year repairs. */
    private SignedDate resolve(String raw, int month, int day, String yearDigits, SignedDateRule rule) {
        switch (yearDigits.length()) {
            case 2:
                return shortYear(raw, month, day, num(yearDigits), rule);
            case 4:
                return fourDigitYear(raw, month, day, yearDigits, rule);
            case 5:
                return extraYearDigit(raw, month, day, yearDigits);
            default:
                return SignedDate.undated(raw, "year '" + yearDigits + "' is not four digits");
        }
    }

    private SignedDate shortYear(String raw, int month, int day, int yy, SignedDateRule rule) {
        LocalDate thisCentury = date(2000 + yy, month, day);
        int year = thisCentury != null && thisCentury.isAfter(publishedOn) ? 1900 + yy : 2000 + yy;
        return fourDigitYear(raw, month, day, String.valueOf(year), rule == US_DATE ? US_DATE_SHORT_YEAR : rule);
    }

    private SignedDate fourDigitYear(String raw, int month, int day, String yearDigits, SignedDateRule rule) {
        int year = num(yearDigits);
        LocalDate asWritten = date(year, month, day);
        if (asWritten != null && plausible(asWritten)) {
            return SignedDate.dated(raw, asWritten, rule);
        }
        boolean numericMonth = rule != MONTH_NAME && rule != EXCEL_SERIAL && rule != EXCEL_SERIAL_TEXT;
        if (numericMonth && month > 12 && day <= 12) {
            LocalDate swapped = date(year, day, month);
            if (swapped != null && plausible(swapped)) {
                return SignedDate.dated(raw, swapped, MONTH_DAY_SWAPPED);
            }
        }
        if (asWritten == null) {
            return SignedDate.undated(raw, month + "/" + day + "/" + yearDigits + " is not a calendar date");
        }
        List<LocalDate> rearranged = new ArrayList<>();
        for (String digits : permutations(yearDigits)) {
            LocalDate candidate = digits.equals(yearDigits) || digits.startsWith("0")
                    ? null : date(num(digits), month, day);
            if (candidate != null && plausible(candidate)) {
                rearranged.add(candidate);
            }
        }
        if (rearranged.size() == 1) {
            return SignedDate.dated(raw, rearranged.get(0), YEAR_DIGITS_TRANSPOSED);
        }
        return SignedDate.undated(raw, implausible(asWritten) + ambiguity(rearranged));
    }

    private SignedDate extraYearDigit(String raw, int month, int day, String yearDigits) {
        Set<LocalDate> candidates = new TreeSet<>();
        for (int i = 0; i < yearDigits.length(); i++) {
            String digits = yearDigits.substring(0, i) + yearDigits.substring(i + 1);
            LocalDate candidate = digits.startsWith("0") ? null : date(num(digits), month, day);
            if (candidate != null && plausible(candidate)) {
                candidates.add(candidate);
            }
        }
        if (candidates.size() == 1) {
            return SignedDate.dated(raw, candidates.iterator().next(), EXTRA_YEAR_DIGIT);
        }
        return SignedDate.undated(raw, "year '" + yearDigits + "' has five digits" + ambiguity(candidates));
    }

    /** Splits digits run together into month, day and a four-digit year; null if the text is not of that shape. */
    private SignedDate missingSeparator(String raw, String text) {
        List<int[]> splits = new ArrayList<>();
        Matcher m;
        if ((m = NO_SEPARATOR_AFTER_DAY.matcher(text)).matches()) {
            String dayAndYear = m.group(2);
            int cut = dayAndYear.length() - 4;
            splits.add(new int[] {num(m.group(1)), num(dayAndYear.substring(0, cut)), num(dayAndYear.substring(cut))});
        } else if ((m = NO_SEPARATOR_AFTER_MONTH.matcher(text)).matches()
                || (m = NO_SEPARATORS.matcher(text)).matches()) {
            String monthAndDay = m.group(1);
            for (int monthLength = 1; monthLength <= 2; monthLength++) {
                int dayLength = monthAndDay.length() - monthLength;
                if (dayLength >= 1 && dayLength <= 2) {
                    splits.add(new int[] {num(monthAndDay.substring(0, monthLength)),
                            num(monthAndDay.substring(monthLength)), num(m.group(2))});
                }
            }
        } else {
            return null;
        }
        Set<LocalDate> candidates = new TreeSet<>();
        for (int[] split : splits) {
            LocalDate candidate = date(split[2], split[0], split[1]);
            if (candidate != null && plausible(candidate)) {
                candidates.add(candidate);
            }
        }
        if (candidates.size() == 1) {
            return SignedDate.dated(raw, candidates.iterator().next(), MISSING_SEPARATOR);
        }
        return SignedDate.undated(raw, "'" + text + "' lacks a separator" + ambiguity(candidates));
    }

    private String implausible(LocalDate date) {
        return date.isAfter(publishedOn)
                ? date + " is after the publication date " + publishedOn
                : date + " is before " + SECTION_287G_ENACTED + ", when section 287(g) was enacted";
    }

    private static String ambiguity(Collection<LocalDate> candidates) {
        return candidates.size() > 1 ? "; could be any of " + candidates + ", so none is taken" : "";
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException notACalendarDate) {
            return null;
        }
    }

    /** 1..12 for an English month name or its abbreviation of three or more letters, else 0. */
    private static int month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(lower)) {
                return month.getValue();
            }
        }
        return 0;
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private static Set<String> permutations(String digits) {
        Set<String> out = new TreeSet<>();
        permute("", digits, out);
        return out;
    }

    private static void permute(String prefix, String rest, Set<String> out) {
        if (rest.isEmpty()) {
            out.add(prefix);
            return;
        }
        for (int i = 0; i < rest.length(); i++) {
            permute(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
        }
    }
}
