package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A line's difference in words, made from its computed fields only (the list in force, the ledger's
 * count, the nearest lists giving the claimed value), so that no claim's story is written by hand:
 * what the list in force says, why the ledger's count of the day may differ from it, and which list,
 * read which way, gives the claimed value.
 */
final class Explanation {

    private Explanation() {
    }

    static String noData(PublishedFigure claim, LocalDate knownAt, Optional<RecordSpan.Span> observed) {
        return observed.map(span -> claim.date() + " lies outside the days the ledger observed as known on " + knownAt
                        + " (" + span.first() + " to " + span.last() + "): a count there would only echo the nearest list.")
                .orElse("The ledger holds nothing known by " + knownAt + ".");
    }

    static String of(PublishedFigure claim, long ledger, PublicationInForce list, ListMatch nearest,
                     ListMatch otherMeasure, LocalDate knownAt) {
        List<String> parts = new ArrayList<>();
        String claimed = number(claim.value());
        if (list == null) {
            parts.add("no list of ICE's the ledger applied was in force on " + claim.date());
        } else {
            parts.add(whatTheListSays(claim, list));
            if (list.value() != ledger) {
                parts.add("as known on " + knownAt + " the ledger counts " + number(ledger) + " "
                        + claim.measure().json() + in(claim) + " on " + claim.date() + ": what it learnt after "
                        + list.publishedOn() + " changed what is known of that day");
            }
        }
        if (ledger == claim.value()) {
            parts.add(claimed + " is the ledger's count" + (list != null && list.value() == ledger ? " and the list's" : "")
                    + (claim.measure() == Measure.STATES && list != null && list.territories() > 0
                    ? " (territories are not counted as states)" : ""));
        }
        boolean otherIsNearer = otherMeasure != null && ledger != claim.value()
                && (nearest == null || Math.abs(otherMeasure.daysFromClaim()) < Math.abs(nearest.daysFromClaim()));
        if (otherIsNearer) {
            parts.add(matches(claim, otherMeasure, list) + ": " + measureOf(otherMeasure.reading()) + " taken for "
                    + claim.measure().json());
        }
        if (nearest != null && ledger != claim.value()) {
            parts.add(matches(claim, nearest, list));
        } else if (nearest == null) {
            parts.add("no list the ledger applied gives " + claimed + " " + claim.measure().json() + in(claim));
        }
        String text = String.join("; ", parts) + ".";
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String whatTheListSays(PublishedFigure claim, PublicationInForce list) {
        String which = "ICE's list of " + list.publishedOn()
                + (list.publishedOn().equals(claim.date()) ? "" : ", in force on " + claim.date() + ",");
        if (!PublishedFigure.NATION.equals(claim.scope())) {
            return which + " lists " + number(list.value()) + " " + claim.measure().json() + in(claim);
        }
        if (claim.measure() == Measure.STATES) {
            return which + " lists agreements in " + number(list.states()) + " states and "
                    + (list.territories() == 0 ? "no territory" : number(list.territories())
                    + (list.territories() == 1 ? " territory" : " territories"));
        }
        return which + " prints " + number(list.agreementsListed()) + " agreements of "
                + number(list.agenciesListed()) + " agencies";
    }

    private static String matches(PublishedFigure claim, ListMatch match, PublicationInForce inForce) {
        String what = number(claim.value()) + " matches the " + match.reading().text() + in(claim);
        if (inForce != null && match.publicationId().equals(inForce.publicationId())) {
            return what + " on that list";
        }
        long days = Math.abs(match.daysFromClaim());
        return what + " on ICE's list of " + match.publishedOn() + " (" + (days == 0 ? "the same day"
                : number(days) + (days == 1 ? " day " : " days ") + (match.daysFromClaim() < 0 ? "earlier" : "later"))
                + ")";
    }

    private static String measureOf(ListReading reading) {
        return switch (reading) {
            case AGREEMENTS -> "agreements";
            case AGENCIES_BY_IDENTITY, AGENCIES_BY_PRINTED_NAME -> "agencies";
            case STATES -> "states";
            case STATES_AND_TERRITORIES -> "territories";
        };
    }

    private static String in(PublishedFigure claim) {
        return PublishedFigure.NATION.equals(claim.scope()) ? "" : " in " + claim.scope();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
