package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.Locale;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;

/** The distance between two points of a timeline. */
public enum Step {
    day("1 day"), week("7 days"), month("1 month");

    /** The same step as a PostgreSQL interval, so SQL and Java land on the same dates (Jan 31 + 1 month = Feb 28). */
    final String interval;

    Step(String interval) {
        this.interval = interval;
    }

    /** The {@code n}th point after {@code from}: always counted from {@code from}, so month ends do not drift. */
    public LocalDate nth(LocalDate from, long n) {
        return switch (this) {
            case day -> from.plusDays(n);
            case week -> from.plusWeeks(n);
            case month -> from.plusMonths(n);
        };
    }

    public static Step parse(String field, String value) {
        String text = Fields.optional(value);
        if (text == null) {
            return month;
        }
        for (Step step : values()) {
            if (step.name().equals(text.toLowerCase(Locale.ROOT))) {
                return step;
            }
        }
        throw new InvalidFieldException(field, "unknown step '" + Fields.abbreviate(text)
                + "'; expected day, week or month");
    }
}
