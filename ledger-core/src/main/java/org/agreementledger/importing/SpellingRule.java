package org.agreementledger.importing;

/**
 * The named rules by which the importer reads a misspelt STATE, SUPPORT TYPE or header, so that a typo in
 * ICE's sheet is never taken for a withdrawal (ICE has printed {@code PENNSLYVANIA},
 * {@code WEST VIRIGINIA}, {@code Warrant Services Officer}, {@code Task Force Officer}). Each rule
 * reads a value only when exactly one state or model fits; a value no rule reads stays unreadable
 * and holds the whole list for review. Every repair is reported with its row, raw value and rule.
 */
public enum SpellingRule {

    /**
     * STATE within a Damerau-Levenshtein distance of 2 (1 for names under 8 letters) of exactly one
     * state's or territory's name, after case, spacing and punctuation are set aside, with no other
     * name as close.
     */
    STATE_SPELLING,

    /**
     * STATE abbreviated otherwise than by its USPS code: the code with dots or spaces ({@code N.C.}),
     * the Associated Press's abbreviation ({@code Fla.}, {@code Tenn.}, {@code W.Va.}), or North, South
     * or West shortened ({@code N. Carolina}).
     */
    STATE_ABBREVIATION,

    /**
     * SUPPORT TYPE naming exactly one model's distinguishing words (JAIL ENFORCEMENT, TASK FORCE,
     * WARRANT SERVICE) followed by another word or none: {@code Task Force Officer} is the Task Force
     * Model, {@code Warrant Service Office} the Warrant Service Officer.
     */
    SUPPORT_TYPE_WORDS,

    /**
     * SUPPORT TYPE within a Damerau-Levenshtein distance of 3 of exactly one model's name, with no
     * other model's name as close: {@code Warrant Services Officer}, {@code Jail Enforcment Model}.
     */
    SUPPORT_TYPE_SPELLING,

    /**
     * A header within a Damerau-Levenshtein distance of 2 (1 for names under 5 letters) of exactly one
     * column's name not otherwise present, spacing aside: {@code SUPPORT TPYE}, {@code LAW ENFORCMENT AGENCY}.
     */
    HEADER_SPELLING
}
