package org.agreementledger.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says which field of a JSON request body the strict reader ({@link StrictJsonConfiguration}) refused,
 * and why: unknown, given twice, of the wrong JSON type; else the body as a whole (not JSON, not
 * UTF-8, cut short).
 */
final class UnreadableBodies {

    /** Jackson's words when {@code STRICT_DUPLICATE_DETECTION} meets a name again in one object. */
    private static final String DUPLICATE = "Duplicate field '";
    /** Jackson's words for bytes that are not UTF-8 (JSON over HTTP is UTF-8). */
    private static final String NOT_UTF8 = "Invalid UTF-8";

    private UnreadableBodies() {
    }

    static ProblemDetail problem(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problems.of(HttpStatus.BAD_REQUEST, "Unknown field " + field,
                    field + ": is not a field of this request; known fields: " + unknown.getKnownPropertyIds(), field);
        }
        StreamReadException duplicate = readFailure(cause, DUPLICATE);
        if (duplicate != null && duplicate.getProcessor() != null) {
            // the parser stopped on the repeated name, so its context is that field's place in the body
            String field = path(duplicate.getProcessor().getParsingContext());
            return Problems.of(HttpStatus.BAD_REQUEST, "Field given twice: " + field, field + ": is given more than"
                    + " once; give each field once (the ledger refuses rather than keep one of the values)", field);
        }
        StreamReadException notUtf8 = readFailure(cause, NOT_UTF8);
        if (notUtf8 != null) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Unreadable body", "body: is not well-formed UTF-8"
                    + at(notUtf8.getLocation()) + "; JSON is sent as UTF-8", "body");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String expected = mapping instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType())
                    : null;
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": has the wrong type or form"
                    + (expected == null ? "" : "; expected " + expected), field);
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "Unreadable body", "the request body is missing or is not valid"
                + " JSON", "body");
    }

    /** The read failure in the chain whose own message starts so (databind wraps nested ones). */
    private static StreamReadException readFailure(Throwable e, String words) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith(words)) {
                return read;
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class) {
            return "a JSON string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a JSON integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type.isRecord() ? "a JSON object" : null;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** {@code source.kind}, {@code [0].state}: a field as the problem's {@code field} names it. */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : String.valueOf(c.getCurrentName()));
        }
        return parts.isEmpty() ? "body" : String.join(".", parts).replace(".[", "[");
    }
}
