package org.agreementledger.reconciliation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.agreementledger.api.UsState;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.Tally;

/**
 * What a figure counts, and how the ledger counts the same thing. {@code STATES} counts states only
 * (the 50 and the District of Columbia), as press figures such as "1,168 agencies in 39 states" do:
 * territories are counted apart ({@link Counts#territories()}).
 */
public enum Measure {
    AGENCIES, AGREEMENTS, STATES;

    /** The ledger's figure for this measure in a scope; a state absent from the counts has none in force. */
    long of(Counts counts, String scope) {
        if (PublishedFigure.NATION.equals(scope)) {
            return switch (this) {
                case AGENCIES -> counts.agencies();
                case AGREEMENTS -> counts.agreements();
                case STATES -> counts.states();
            };
        }
        Tally tally = counts.byState().getOrDefault(scope, Tally.NONE);
        return switch (this) {
            case AGENCIES -> tally.agencies();
            case AGREEMENTS -> tally.agreements();
            case STATES -> tally.agreements() > 0 && !UsState.valueOf(scope).isTerritory() ? 1 : 0;
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Measure parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
