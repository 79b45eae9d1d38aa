package org.agreementledger.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;

/**
 * A {@code --format} flag whose formats are an enum's lower-case constants (table, json, csv), read
 * by the command itself so a wrong one is refused like any other bad flag, naming {@code --format}
 * and the formats there are. ({@link Fields#constant} reads upper-case constants.)
 */
final class FormatOption {

    private FormatOption() {
    }

    /** The format named in any case; blank or absent is {@code otherwise}. */
    static <E extends Enum<E>> E parse(String value, E otherwise) {
        String text = Fields.optional(value);
        if (text == null) {
            return otherwise;
        }
        E[] formats = otherwise.getDeclaringClass().getEnumConstants();
        for (E candidate : formats) {
            if (candidate.name().equals(text.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        List<String> names = Arrays.stream(formats).map(Enum::name).toList();
        throw new InvalidFieldException("format", "unknown format '" + Fields.abbreviate(text) + "'; expected "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }
}
