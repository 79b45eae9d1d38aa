package org.agreementledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.Source;

/**
 * One file ICE posted: which list, which day (and morning or afternoon edition), and the exact
 * bytes, so the same sheet imported twice is recognised by its SHA-256 whatever it is renamed to.
 *
 * @param kind        participating or pending agencies
 * @param publishedOn the day ICE posted it
 * @param edition     am or pm when ICE's file name says so, else null
 * @param fileName    the file name as received
 * @param sha256      lower-case hex SHA-256 of the bytes
 * @param size        size in bytes
 */
public record Publication(PublicationKind kind, LocalDate publishedOn, Edition edition, String fileName,
                          String sha256, long size) implements Comparable<Publication> {

    public static final String PUBLISHED_ON = "publishedOn";

    /** ICE's own naming: {@code participatingAgencies05162025am.xlsx}, month, day, year, edition. */
    private static final Pattern ICE_FILE_DATE =
            Pattern.compile("(?<!\\d)(\\d{2})(\\d{2})(\\d{4})(am|pm)?(?![a-z])", Pattern.CASE_INSENSITIVE);

    /** Same day: morning before afternoon; an edition-less file counts as the morning's. */
    private static final Comparator<Publication> ORDER = Comparator
            .comparing(Publication::publishedOn)
            .thenComparing(p -> p.edition() == null ? Edition.AM : p.edition())
            .thenComparing(Publication::kind)
            .thenComparing(Publication::fileName);

    public Publication {
        Fields.required("kind", kind);
        Fields.required(PUBLISHED_ON, publishedOn);
        fileName = Fields.required("fileName", fileName);
        sha256 = Fields.required("sha256", sha256);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidFieldException("sha256", "must be 64 lower-case hexadecimal digits");
        }
        if (size < 0) {
            throw new InvalidFieldException("size", "must not be negative");
        }
    }

    /** Identifies a file, dating it from ICE's file name. */
    public static Publication of(Path file) {
        return of(file, null, null);
    }

    /**
     * Identifies a file. {@code publishedOn} (the {@code --published-on} flag) wins over the date in
     * the file name, which is needed when someone renamed the download; {@code kind} null means
     * "tell from the name" ({@code pending...} is the pending list, anything else participating).
     */
    public static Publication of(Path file, LocalDate publishedOn, PublicationKind kind) {
        return of(file, file.getFileName().toString(), publishedOn, kind);
    }

    /** As {@link #of(Path, LocalDate, PublicationKind)}, for bytes kept under another name (an upload). */
    public static Publication of(Path file, String fileName, LocalDate publishedOn, PublicationKind kind) {
        NameDate fromName = dateInName(fileName);
        LocalDate date = publishedOn != null ? publishedOn : fromName == null ? null : fromName.date();
        if (date == null) {
            throw new InvalidFieldException(PUBLISHED_ON, "cannot tell the publication date from the file name '"
                    + Fields.abbreviate(fileName) + "' (ICE names files like participatingAgencies05162025am.xlsx);"
                    + " give it explicitly (--published-on YYYY-MM-DD)");
        }
        // An edition read from the name only describes the name's own date.
        Edition edition = fromName != null && fromName.date().equals(date) ? fromName.edition() : null;
        PublicationKind resolvedKind = kind != null ? kind : kindInName(fileName);
        Digest digest = digest(file);
        return new Publication(resolvedKind, date, edition, fileName, digest.sha256(), digest.size());
    }

    /** The date and edition in an ICE file name, or null if the name carries no valid MMDDYYYY date. */
    public static NameDate dateInName(String fileName) {
        Matcher m = ICE_FILE_DATE.matcher(fileName);
        while (m.find()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)));
                Edition edition = m.group(4) == null ? null
                        : Edition.valueOf(m.group(4).toUpperCase(Locale.ROOT));
                return new NameDate(date, edition);
            } catch (DateTimeException notADate) {
                // keep looking: another run of 8 digits may be the date
            }
        }
        return null;
    }

    static PublicationKind kindInName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).contains("pending")
                ? PublicationKind.PENDING : PublicationKind.PARTICIPATING;
    }

    /** "ICE participating agencies, 2025-05-16 am", for the provenance of every event it yields. */
    public String title() {
        return kind.title() + ", " + publishedOn + (edition == null ? "" : " " + edition.label());
    }

    /** Provenance of a fact the publication as a whole says, such as an agreement no longer listed. */
    public Source source() {
        return new Source(kind.sourceKind(), title(), fileName, sha256, publishedOn, null);
    }

    /** Provenance of the fact on one row of this publication. */
    public Source source(int sheetRow) {
        return new Source(kind.sourceKind(), title(), fileName, sha256, publishedOn, sheetRow);
    }

    @Override
    public int compareTo(Publication other) {
        return ORDER.compare(this, other);
    }

    /** What an ICE file name says about when it was posted. */
    public record NameDate(LocalDate date, Edition edition) {
    }

    private record Digest(String sha256, long size) {
    }

    private static Digest digest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newSha256())) {
            long size = in.transferTo(java.io.OutputStream.nullOutputStream());
            byte[] hash = ((DigestInputStream) in).getMessageDigest().digest();
            return new Digest(java.util.HexFormat.of().formatHex(hash), size);
        } catch (NoSuchFileException e) {
            throw SheetRefusedException.file("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
