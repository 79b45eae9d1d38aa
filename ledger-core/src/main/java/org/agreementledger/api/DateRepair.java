package org.agreementledger.api;

/**
 * How a date that could not be taken as printed was read: the raw text and the written rule that
 * turned it into a date. {@code rule} {@value #UNDATED} means no rule applied and the agreement is
 * dated from the first publication that listed it.
 */
public record DateRepair(String raw, String rule) {

    public static final String UNDATED = "undated";

    public DateRepair {
        rule = Fields.required("signedOnRepair.rule", rule);
    }
}
