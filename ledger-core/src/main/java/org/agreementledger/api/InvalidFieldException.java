package org.agreementledger.api;

/**
 * Bad input, refused before anything is appended. Always names the field (or column,
 * parameter) at fault so the person at the keyboard knows what to fix.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the leading field name, for documents that carry the field separately. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
