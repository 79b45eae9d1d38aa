package org.agreementledger.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns the text a person typed (command-line flag, JSON string) into typed values.
 * The one place every entry point parses fields, so every entry point words its errors alike.
 */
public final class Fields {

    /** Longer text is a mistake or an attack; the longest real MOA link is under 200 characters. */
    public static final int MAX_TEXT = 2_000;
    /**
     * Agency names become agency, agreement and request ids, which must fit the event store's
     * 255-character aggregate identifier with the state, model and date around them.
     */
    public static final int MAX_AGENCY_NAME = 200;

    private Fields() {
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return printable(field, value).strip();
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    /** Blank text means absent. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Blank text means absent; a NUL character (PostgreSQL text cannot hold one) and ill-formed text
     * ({@link #wellFormed}) are refused.
     */
    public static String optional(String field, String value) {
        return optional(value == null ? null : printable(field, value));
    }

    /** An agency's name as printed: required, short enough to identify it by, with a letter or digit. */
    public static String agencyName(String field, String value) {
        String name = required(field, value);
        if (name.length() > MAX_AGENCY_NAME) {
            throw new InvalidFieldException(field, "is longer than " + MAX_AGENCY_NAME + " characters");
        }
        if (AgencyId.slug(name).isEmpty()) {
            throw new InvalidFieldException(field, "has no letters or digits to identify the agency by");
        }
        return name;
    }

    private static String printable(String field, String value) {
        wellFormed(field, value);
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidFieldException(field, "contains a NUL character");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidFieldException(field, "is longer than " + String.format("%,d", MAX_TEXT)
                    + " characters");
        }
        return value;
    }

    /**
     * Text that is a sequence of Unicode scalar values, as every edge must hand on: a Java string can
     * hold a UTF-16 surrogate without its partner (JSON's {@code "\ud800"} escape, a number beyond
     * U+10FFFF in ill-formed UTF-8, an xlsx {@code _xD800_} escape), which no encoding can write.
     * Jackson stores it in an event as the escape {@code \uD800}, which PostgreSQL's jsonb refuses,
     * and text columns get a {@code ?} in its place; so it is refused here, naming the field, and
     * never echoed.
     *
     * @throws InvalidFieldException naming {@code field} and where the stray surrogate is
     */
    public static String wellFormed(String field, String value) {
        int at = illFormedAt(value);
        if (at >= 0) {
            throw new InvalidFieldException(field, "is not well-formed text: an unpaired UTF-16 surrogate "
                    + String.format("(U+%04X)", (int) value.charAt(at)) + " at character " + (at + 1)
                    + "; only Unicode scalar values are accepted");
        }
        return value;
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1 if it has none (or is null). */
    public static int illFormedAt(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one scalar value beyond the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** An ISO calendar date (YYYY-MM-DD); null or blank is null. */
    public static LocalDate optionalDate(String field, String value) {
        String text = optional(field, value);
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new InvalidFieldException(field, "'" + abbreviate(text) + "' is not an ISO date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a calendar date");
        }
    }

    public static LocalDate date(String field, String value) {
        return required(field, optionalDate(field, value));
    }

    /**
     * A constant of an enum named in any case, with spaces or hyphens for underscores
     * ({@code withdrawn-by-agency} is {@code WITHDRAWN_BY_AGENCY}).
     */
    public static <E extends Enum<E>> E constant(String field, String value, Class<E> type, String what) {
        String text = required(field, value);
        String normalized = text.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        String expected = java.util.Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(java.util.stream.Collectors.joining(", "));
        throw new InvalidFieldException(field, "unknown " + what + " '" + abbreviate(text) + "'; expected one of "
                + expected);
    }

    /**
     * The constant whose code (FL, JEM) or title (Florida, Jail Enforcement Model) the text names,
     * the text and the title compared as {@code comparable} writes them (which leaves an upper-case
     * code as it is); null if none is named.
     */
    public static <E extends Enum<E>> E byCodeOrTitle(String text, E[] constants, Function<E, String> title,
                                                      UnaryOperator<String> comparable) {
        String normalized = comparable.apply(text);
        for (E constant : constants) {
            if (constant.name().equals(normalized)
                    || comparable.apply(title.apply(constant)).equals(normalized)) {
                return constant;
            }
        }
        return null;
    }

    /** Echoes hostile or huge input back only in part, never cutting a surrogate pair in two. */
    public static String abbreviate(String text) {
        if (text.length() <= 40) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(39)) ? 39 : 40;
        return text.substring(0, end) + "…";
    }
}
