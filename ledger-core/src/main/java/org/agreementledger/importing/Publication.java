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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.Capture;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.Source;

/**
 * One file ICE posted: which list, which day (and morning, midday or afternoon edition), and the
 * exact bytes, so the same sheet imported twice is recognised by its SHA-256 whatever it is renamed to.
 *
 * @param kind        participating or pending agencies
 * @param publishedOn the day ICE posted it (for a capture, the day the capture was made)
 * @param edition     am, mid or pm when ICE's file name (or the manifest) says so, else null
 * @param fileName    the file name as received
 * @param sha256      lower-case hex SHA-256 of the bytes
 * @param size        size in bytes
 * @param dated       where {@code publishedOn} comes from: given, ICE's file name, a capture's timestamp
 * @param capture     for a file the Wayback Machine captured: when, and what it captured; else null
 * @param origin      where the file was fetched from (the manifest's origin), or null
 */
public record Publication(PublicationKind kind, LocalDate publishedOn, Edition edition, String fileName,
                          String sha256, long size, Dated dated, Capture capture, String origin)
        implements Comparable<Publication> {

    public static final String PUBLISHED_ON = "publishedOn";

    /**
     * ICE's own naming: {@code participatingAgencies05162025am.xlsx}, month, day, year, then an
     * edition if any ({@code am}, {@code mid}, {@code pm}) and whatever ICE appended to it
     * ({@code amB}, {@code pm_b}, {@code pm2}, {@code pm copy}).
     */
    private static final Pattern ICE_FILE_DATE =
            Pattern.compile("(?<!\\d)(\\d{2})(\\d{2})(\\d{4})(?!\\d)[\\s_-]*(am|mid|pm)?", Pattern.CASE_INSENSITIVE);
    /** A Wayback Machine capture's timestamp, as archives name captured files: {@code -20250221214937}. */
    private static final Pattern CAPTURE_TIMESTAMP =
            Pattern.compile("(?<!\\d)(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?!\\d)");

    /** Same day: morning, midday, afternoon; an edition-less file counts as the morning's. */
    private static final Comparator<Publication> ORDER = Comparator
            .comparing(Publication::publishedOn)
            .thenComparing(p -> p.edition() == null ? Edition.AM : p.edition())
            .thenComparing(p -> p.capture() == null ? Instant.MIN : p.capture().capturedAt())
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
        Fields.required("dated", dated);
        origin = Fields.optional("origin", origin);
    }

    public Publication(PublicationKind kind, LocalDate publishedOn, Edition edition, String fileName, String sha256,
                       long size) {
        this(kind, publishedOn, edition, fileName, sha256, size, Dated.GIVEN, null, null);
    }

    /** Where a publication's date comes from, which decides whether it is a claim to check. */
    public enum Dated {
        /** Given by the archivist ({@code --published-on}, the manifest's publishedOn): taken as it is. */
        GIVEN,
        /** Read from ICE's file name, which ICE has got wrong: checked against the rows. */
        FILE_NAME,
        /** ICE's file name with its year repaired by the rule {@code NAME_YEAR} (see PublicationDates). */
        FILE_NAME_REPAIRED,
        /** The day a Wayback Machine capture was made, from its timestamp. */
        CAPTURE
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
        return of(file, new Naming(fileName, publishedOn, null, kind, null, null));
    }

    /**
     * What is known of a file besides its bytes: its name, and what an archivist or a manifest says
     * of it. Null fields are read from the name.
     *
     * @param manifestKind the archive manifest's kind ({@code ice-web-page-table},
     *                     {@code ice-sheet-wayback-capture}, {@code ice-sheet}), or null
     */
    public record Naming(String fileName, LocalDate publishedOn, Edition edition, PublicationKind kind,
                         String manifestKind, String origin) {
    }

    public static Publication of(Path file, Naming naming) {
        String fileName = naming.fileName();
        NameDate fromName = dateInName(fileName);
        LocalDate date = naming.publishedOn() != null ? naming.publishedOn() : fromName == null ? null : fromName.date();
        if (date == null) {
            throw new InvalidFieldException(PUBLISHED_ON, "cannot tell the publication date from the file name '"
                    + Fields.abbreviate(fileName) + "' (ICE names files like participatingAgencies05162025am.xlsx,"
                    + " Wayback captures carry a timestamp like -20250221214937);"
                    + " give it explicitly (--published-on YYYY-MM-DD)");
        }
        boolean fromItsName = naming.publishedOn() == null || fromName != null && fromName.date().equals(date);
        // An edition read from the name only describes the name's own date.
        Edition edition = naming.edition() != null ? naming.edition()
                : fromName != null && fromName.date().equals(date) ? fromName.edition() : null;
        Capture capture = fromName == null || fromName.capturedAt() == null || !fromItsName ? null
                : Capture.wayback(fromName.capturedAt(), webPageTable(fileName, naming.manifestKind()),
                        extractedBy(naming.origin()));
        Dated dated = naming.publishedOn() != null ? Dated.GIVEN : capture != null ? Dated.CAPTURE : Dated.FILE_NAME;
        PublicationKind resolvedKind = naming.kind() != null ? naming.kind() : kindInName(fileName);
        Digest digest = digest(file);
        return new Publication(resolvedKind, date, edition, fileName, digest.sha256(), digest.size(), dated, capture,
                naming.origin());
    }

    /** The same file, dated otherwise (the name's year repaired). */
    public Publication redated(LocalDate date, Dated basis) {
        return new Publication(kind, date, edition, fileName, sha256, size, basis, capture, origin);
    }

    /**
     * The date and edition in a file name, or null if the name carries no valid date: ICE's
     * MMDDYYYY (with an edition), or a Wayback capture's YYYYMMDDhhmmss (with its instant).
     */
    public static NameDate dateInName(String fileName) {
        Matcher capture = CAPTURE_TIMESTAMP.matcher(fileName);
        while (capture.find()) {
            try {
                LocalDateTime at = LocalDateTime.of(num(capture, 1), num(capture, 2), num(capture, 3), num(capture, 4),
                        num(capture, 5), num(capture, 6));
                return new NameDate(at.toLocalDate(), null, at.toInstant(ZoneOffset.UTC));
            } catch (DateTimeException notATimestamp) {
                // keep looking
            }
        }
        Matcher m = ICE_FILE_DATE.matcher(fileName);
        while (m.find()) {
            try {
                LocalDate date = LocalDate.of(num(m, 3), num(m, 1), num(m, 2));
                Edition edition = m.group(4) == null ? null : Edition.valueOf(m.group(4).toUpperCase(Locale.ROOT));
                return new NameDate(date, edition, null);
            } catch (DateTimeException notADate) {
                // keep looking: another run of 8 digits may be the date
            }
        }
        return null;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** The archive manifest says so; else the name: RelevantResearch calls its extracted tables "ParticipatingEntities". */
    private static boolean webPageTable(String fileName, String manifestKind) {
        if (manifestKind != null && !manifestKind.isBlank()) {
            return manifestKind.toLowerCase(Locale.ROOT).contains("web-page");
        }
        return fileName.toLowerCase(Locale.ROOT).contains("entities");
    }

    /** {@code OWNER/REPO} of a GitHub origin, the archive that extracted a web page's table. */
    private static String extractedBy(String origin) {
        if (origin == null) {
            return null;
        }
        Matcher github = Pattern.compile("github\\.com/([^/\\s]+/[^/\\s]+)").matcher(origin);
        return github.find() ? github.group(1) : null;
    }

    static PublicationKind kindInName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).contains("pending")
                ? PublicationKind.PENDING : PublicationKind.PARTICIPATING;
    }

    /**
     * "ICE participating agencies, 2025-05-16 am", for the provenance of every event it yields; a
     * capture's details are the source's {@link Capture}, not words in the title.
     */
    public String title() {
        return kind.title() + ", " + publishedOn + (edition == null ? "" : " " + edition.label());
    }

    /** Where the events cite it: the URL it came from when known, else its file name. */
    private String reference() {
        return origin != null ? origin : fileName;
    }

    /** Provenance of a fact the publication as a whole says, such as an agreement no longer listed. */
    public Source source() {
        return new Source(kind.sourceKind(), title(), reference(), sha256, publishedOn, null, capture);
    }

    /** Provenance of the fact on one row of this publication. */
    public Source source(int sheetRow) {
        return new Source(kind.sourceKind(), title(), reference(), sha256, publishedOn, sheetRow, capture);
    }

    @Override
    public int compareTo(Publication other) {
        return ORDER.compare(this, other);
    }

    /** What an ICE file name says about when it was posted. */
    public record NameDate(LocalDate date, Edition edition, Instant capturedAt) {

        public NameDate(LocalDate date, Edition edition) {
            this(date, edition, null);
        }
    }

    private record Digest(String sha256, long size) {
    }

    /** The lower-case hex SHA-256 of a file's bytes: what identifies a publication. */
    public static String sha256(Path file) {
        return digest(file).sha256();
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
