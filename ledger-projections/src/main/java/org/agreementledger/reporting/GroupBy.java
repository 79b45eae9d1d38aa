package org.agreementledger.reporting;

import java.util.Locale;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;

/** How a count is broken down. */
public enum GroupBy {
    none, state, model, agencyType;

    /** Accepts agencyType and agency-type alike, in any case; blank means none. */
    public static GroupBy parse(String field, String value) {
        String text = Fields.optional(value);
        if (text == null) {
            return none;
        }
        String normalized = text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (GroupBy groupBy : values()) {
            if (groupBy.name().toLowerCase(Locale.ROOT).equals(normalized)) {
                return groupBy;
            }
        }
        throw new InvalidFieldException(field, "cannot group by '" + Fields.abbreviate(text)
                + "'; expected none, state, model or agency-type");
    }
}
