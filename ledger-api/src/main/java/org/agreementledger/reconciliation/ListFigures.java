package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;

/**
 * The figures of ICE's lists, for one reconciliation: a list's national agreements and printed agencies
 * come from its import report; anything the report does not hold (a state's share, agencies by identity,
 * states) from the ledger's counts as of the list's day as known that day, which are that list's
 * figures (the ledger's invariant on every publication day). Each day is counted once.
 */
final class ListFigures {

    private final NavigableMap<LocalDate, PublishedList> lists;
    private final AgreementReports reports;
    private final Map<LocalDate, Counts> countsOfListDays = new HashMap<>();

    ListFigures(NavigableMap<LocalDate, PublishedList> lists, AgreementReports reports) {
        this.lists = lists;
        this.reports = reports;
    }

    /** The list in force on a day: the last applied on or before it. */
    Optional<PublishedList> inForceOn(LocalDate day) {
        return Optional.ofNullable(lists.floorEntry(day)).map(Map.Entry::getValue);
    }

    Optional<PublicationInForce> publicationInForce(PublishedFigure claim) {
        return inForceOn(claim.date()).map(list -> {
            Counts day = countsOf(list);
            return new PublicationInForce(list.publicationId(), list.fileName(), list.publishedOn(),
                    list.agreementsListed(), list.agenciesListed(), day.states(), day.territories(),
                    value(ListReading.of(claim.measure()).get(0), list, claim.scope()));
        });
    }

    /** A list's figure read one way in a scope; null where the list says nothing of it. */
    Long value(ListReading reading, PublishedList list, String scope) {
        boolean nation = PublishedFigure.NATION.equals(scope);
        return switch (reading) {
            case AGREEMENTS -> nation ? list.agreementsListed() : Measure.AGREEMENTS.of(countsOf(list), scope);
            case AGENCIES_BY_IDENTITY -> Measure.AGENCIES.of(countsOf(list), scope);
            // the import report counts printed names for the whole list only
            case AGENCIES_BY_PRINTED_NAME -> nation ? list.agenciesListed() : null;
            case STATES -> Measure.STATES.of(countsOf(list), scope);
            case STATES_AND_TERRITORIES -> nation ? countsOf(list).states() + countsOf(list).territories() : null;
        };
    }

    /**
     * The list nearest the claim's day whose figure under one of the readings equals the claim; of two
     * lists as near, the earlier (one a source could have read by then); on one list, the readings in
     * their order. Null when no list gives the claimed value.
     */
    ListMatch nearest(PublishedFigure claim, List<ListReading> readings) {
        List<PublishedList> byDistance = lists.values().stream()
                .sorted(Comparator.comparingLong((PublishedList list) -> Math.abs(daysFrom(claim, list)))
                        .thenComparing(PublishedList::publishedOn))
                .toList();
        for (PublishedList list : byDistance) {
            for (ListReading reading : readings) {
                Long value = value(reading, list, claim.scope());
                if (value != null && value == claim.value()) {
                    return ListMatch.of(list, reading, value, claim.date());
                }
            }
        }
        return null;
    }

    private static long daysFrom(PublishedFigure claim, PublishedList list) {
        return ChronoUnit.DAYS.between(claim.date(), list.publishedOn());
    }

    private Counts countsOf(PublishedList list) {
        return countsOfListDays.computeIfAbsent(list.publishedOn(), day -> reports.counts(day, day));
    }
}
