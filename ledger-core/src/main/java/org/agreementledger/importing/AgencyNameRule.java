package org.agreementledger.importing;

/**
 * The documented rules by which two printed names are one agency's, strongest first. They are only
 * ever asked of an agreement that vanished from a list and a row that appeared in the same list with
 * the same state, support model and signing date (see {@link PublicationDiff}): state, model and date
 * alone are not identity (twenty Florida agencies share some signing dates), the name must match too.
 * Names are compared as words: upper case, {@code &} as AND, apostrophes dropped, any other
 * punctuation a space.
 */
public enum AgencyNameRule {

    /** The row prints the name the agreement was signed under, after a correction had changed it. */
    SIGNED_NAME,

    /** The same words: case, spacing and punctuation aside ({@code Sheriff's Office} / {@code SHERIFFS OFFICE}). */
    CASE_AND_PUNCTUATION,

    /**
     * The same words once abbreviations are written out: Dept → Department, BOCC → Board of County
     * Commissioners, DPS → Department of Public Safety, DOC → Department of Corrections, PD → Police
     * Department, SO → Sheriff's Office, Ofc → Office, Co → County, Twp → Township, Ft → Fort,
     * St → Saint, Sheriffs → Sheriff.
     */
    ABBREVIATION,

    /**
     * The same words once a leading name or code of the agency's own state ({@code Alaska Department of
     * Corrections} / {@code Department of Corrections}) or a leading {@code City of}, {@code Town of},
     * {@code Village of} is set aside.
     */
    STATE_OR_PLACE_PREFIX,

    /**
     * The same words once a last Department or Office is set aside: {@code Idaho State Police} /
     * {@code Idaho State Police Department}, {@code Sheriff's Department} / {@code Sheriff's Office}.
     */
    GENERIC_LAST_WORD,

    /**
     * The same number of words, at most two of them different, each within a Damerau-Levenshtein
     * distance of a quarter of its length (at least 1), at most 2 in all: {@code Mantiowoc} /
     * {@code Manitowoc}, {@code Lampass} / {@code Lampasas}, {@code Green Forks} / {@code Greens Fork}.
     */
    TYPO,

    /**
     * The weakest, used only when the pair is the only agreement to vanish and the only row to appear
     * with that state, model and signing date in the list: the names end in the same two or more words
     * ({@code County Sheriff's Office}) and the place before them begins with the same letter and holds
     * at least four fifths of the shorter place's letters in order ({@code Waria-labelon} / {@code Walton}).
     */
    GARBLED_PLACE
}
