package org.agreementledger.integrity;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;

/**
 * The chain's tip at some moment: {@code HASH@POSITION}, the hash of link {@code position} in
 * lower-case hex. Whoever keeps a digest can later prove the ledger's first {@code position}
 * events are still exactly those it covered.
 */
public record Digest(long position, String hash) {

    private static final Pattern FORM = Pattern.compile("([0-9a-fA-F]{64})@(\\d{1,18})");
    static final Digest EMPTY = new Digest(0, HexFormat.of().formatHex(ChainLinks.GENESIS));

    static Digest of(long position, byte[] hash) {
        return new Digest(position, HexFormat.of().formatHex(hash));
    }

    /** Parses what {@link #toString()} printed; the field is named in the refusal. */
    public static Digest parse(String field, String text) {
        String value = Fields.required(field, text);
        Matcher matcher = FORM.matcher(value);
        if (!matcher.matches()) {
            throw new InvalidFieldException(field, "'" + Fields.abbreviate(value)
                    + "' is not a digest: expected HASH@POSITION, 64 hex digits, '@' and the position");
        }
        return new Digest(Long.parseLong(matcher.group(2)), matcher.group(1).toLowerCase(java.util.Locale.ROOT));
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(hash);
    }

    @Override
    public String toString() {
        return hash + "@" + position;
    }
}
