package org.agreementledger.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An agency's identity, derived from what ICE prints so the same agency gets the same id in
 * every publication: {@code {STATE}-{slug}}, e.g. {@code AL-colbert-county-sheriffs-office}.
 */
public final class AgencyId {

    private AgencyId() {
    }

    public static String of(UsState state, String agencyName) {
        return state.name() + "-" + slug(agencyName);
    }

    /**
     * Whether a name makes an agency id as a signing's must ({@link Fields#agencyName}): some letter
     * or digit, and no longer than a name may be. Every name the ledger accepts today does; a
     * correction appended before corrected names were held to that rule may not.
     */
    public static boolean identifies(String agencyName) {
        return agencyName != null && agencyName.length() <= Fields.MAX_AGENCY_NAME && !slug(agencyName).isEmpty();
    }

    // compiled once: an import slugs every row's name several times
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGES = Pattern.compile("^-+|-+$");

    /** Lower case, apostrophes dropped, accents folded, every other run of non-alphanumerics one hyphen. */
    public static String slug(String name) {
        String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String text = APOSTROPHES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
        return EDGES.matcher(OTHERS.matcher(text).replaceAll("-")).replaceAll("");
    }
}
