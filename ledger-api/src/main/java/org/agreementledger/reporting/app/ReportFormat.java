package org.agreementledger.reporting.app;

import java.util.List;
import java.util.Locale;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * JSON or CSV: {@code ?format=} wins (a link a person can paste), else the Accept header's first
 * preference of the two, else JSON.
 */
public enum ReportFormat {
    JSON, CSV;

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    public static ReportFormat of(String format, String accept) {
        String text = Fields.optional(format);
        if (text != null) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                default -> throw new InvalidFieldException("format", "unknown format '" + Fields.abbreviate(text)
                        + "'; expected json or csv");
            };
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new InvalidFieldException("Accept", "'" + Fields.abbreviate(accept) + "' is not a media type list");
        }
        MediaType.sortByQualityValue(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                return CSV;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return JSON;
            }
        }
        return JSON;
    }
}
