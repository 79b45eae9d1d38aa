package org.agreementledger.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.DateRepair;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.RequestClosure;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;

/**
 * Turns the difference between what the ledger holds and what ICE lists now into commands, so
 * that afterwards the agreements in force on the publication date, as known on that date, are
 * exactly the agreements the publication lists.
 *
 * <p>A row is matched, in this order of preference, to: an agreement in force with the same agency,
 * model and signing date (nothing to record but changed details); a vanished agreement of the same
 * agency and model when the row's date is unreadable (nothing to record); a vanished agreement of
 * the same agency and date under another model (a model change); a vanished agreement of the same
 * agency and model under another date (ICE corrected the date); a withdrawn agreement with the same
 * agency, model and date (it came back: reinstated). A row matched to nothing is a signing; an
 * agreement in force that no row matched is withdrawn, reason removed from ICE's list. Candidates
 * are taken in sheet-row and agreement-id order, so the same inputs always give the same commands.
 * A signing also closes the agency's pending request for that model, if there is one.
 */
public final class PublicationDiff {

    private final Publication publication;
    private final LocalDate on;
    private final Map<String, LedgerAgreement> inForceByKey = new HashMap<>();
    private final Map<String, LedgerAgreement> withdrawnByKey = new HashMap<>();
    private final Map<String, LedgerAgreement> byId = new HashMap<>();
    private final Set<String> matched = new HashSet<>();
    private final List<Object> commands = new ArrayList<>();
    private final List<RowNote> duplicates = new ArrayList<>();
    private final List<RowNote> matches = new ArrayList<>();
    private final Map<String, OpenRequest> openRequests = new HashMap<>();

    private PublicationDiff(Publication publication, Collection<LedgerAgreement> ledger,
                            Collection<OpenRequest> requests) {
        this.publication = publication;
        this.on = publication.publishedOn();
        requests.forEach(request -> openRequests.putIfAbsent(request.agencyAndModel(), request));
        ledger.stream().sorted(Comparator.comparing(LedgerAgreement::agreementId)).forEach(agreement -> {
            byId.put(agreement.agreementId(), agreement);
            (agreement.inForce() ? inForceByKey : withdrawnByKey).putIfAbsent(agreement.listingKey(), agreement);
        });
    }

    /**
     * An agreement whose SIGNED moves more than this many days later is renewed (the earlier agreement
     * superseded by a new one signed that day, in force without a gap); a smaller move, or any move
     * earlier, corrects the date ICE printed.
     */
    public static final int RENEWAL_AFTER_DAYS = 30;

    /** How an agreement was recognised under other details than the ledger held, for the report. */
    public enum Match {
        /** SIGNED moved by at most {@value #RENEWAL_AFTER_DAYS} days, or earlier: the date is corrected. */
        DATE_CORRECTION,
        /** SIGNED moved more than {@value #RENEWAL_AFTER_DAYS} days later: a renewal. */
        RENEWAL
    }

    /**
     * The commands that bring the ledger in line with the publication, in the order to send them.
     *
     * @param matches every agreement recognised under another name ({@link AgencyNameRule}) or date
     *                ({@link Match}), with its rule
     */
    public record Plan(List<Object> commands, Map<String, SheetRow> listed, List<RowNote> duplicates,
                       List<RowNote> matches) {
    }

    /** @param requests the requests pending now: a signing for the same agency and model closes one */
    public static Plan plan(Publication publication, List<SheetRow> rows, Collection<LedgerAgreement> ledger,
                            Collection<OpenRequest> requests) {
        return new PublicationDiff(publication, ledger, requests).plan(rows);
    }

    private Plan plan(List<SheetRow> rows) {
        Map<String, SheetRow> listed = distinct(rows);
        List<SheetRow> unmatched = new ArrayList<>();
        for (SheetRow row : listed.values()) {
            LedgerAgreement same = inForceByKey.get(ListingKey.of(row));
            if (same != null && matched.add(same.agreementId())) {
                correctDetails(row, same);
            } else {
                unmatched.add(row);
            }
        }
        List<LedgerAgreement> vanished = inForceByKey.values().stream()
                .filter(agreement -> !matched.contains(agreement.agreementId()))
                .sorted(Comparator.comparing(LedgerAgreement::agreementId)).toList();

        unmatched = renamed(unmatched, vanished);
        unmatched = pair(unmatched, vanished, this::sameAgencyModelUndatedRow, (row, agreement) -> correctDetails(row, agreement));
        unmatched = pair(unmatched, vanished, this::sameAgencyDateOtherModel, this::changeModel);
        unmatched = pair(unmatched, vanished, this::sameAgencyModelOtherDate, this::correctDateOrRenew);
        unmatched.forEach(this::signOrReinstate);
        vanished.stream().filter(agreement -> matched.add(agreement.agreementId())).forEach(this::withdraw);
        return new Plan(List.copyOf(commands), listed, List.copyOf(duplicates), List.copyOf(matches));
    }

    /** One agreement per agency, model and date; a repeated row is reported, not listed twice. */
    private Map<String, SheetRow> distinct(List<SheetRow> rows) {
        Map<String, SheetRow> listed = new LinkedHashMap<>();
        for (SheetRow row : rows) {
            SheetRow first = listed.putIfAbsent(ListingKey.of(row), row);
            if (first != null) {
                duplicates.add(new RowNote(row.sheetRow(), "LAW ENFORCEMENT AGENCY", row.agencyName(),
                        "repeats row " + first.sheetRow() + " (" + ListingKey.of(row) + "); listed once"));
            }
        }
        return listed;
    }

    private interface Pairing {
        boolean test(SheetRow row, LedgerAgreement agreement);
    }

    private interface Action {
        void apply(SheetRow row, LedgerAgreement agreement);
    }

    private List<SheetRow> pair(List<SheetRow> rows, List<LedgerAgreement> vanished, Pairing match, Action action) {
        List<SheetRow> left = new ArrayList<>();
        for (SheetRow row : rows) {
            LedgerAgreement partner = null;
            for (Iterator<LedgerAgreement> it = vanished.iterator(); it.hasNext() && partner == null; ) {
                LedgerAgreement candidate = it.next();
                if (!matched.contains(candidate.agreementId()) && match.test(row, candidate)) {
                    partner = candidate;
                }
            }
            if (partner == null) {
                left.add(row);
            } else {
                matched.add(partner.agreementId());
                action.apply(row, partner);
            }
        }
        return left;
    }

    /**
     * An agreement that vanished and a row that appeared with the same state, model and signing date
     * and names one agency's by an {@link AgencyNameRule}: the same agreement, its name corrected.
     * Pairs are taken strongest rule first, then in sheet-row and agreement-id order; the weakest rule
     * only for the one vanished agreement and the one new row of their state, model and date.
     */
    private List<SheetRow> renamed(List<SheetRow> rows, List<LedgerAgreement> vanished) {
        record Candidate(SheetRow row, LedgerAgreement agreement, AgencyNameRule rule) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (SheetRow row : rows) {
            for (LedgerAgreement agreement : vanished) {
                if (!row.undated() && row.model() == agreement.model() && row.signedOn().equals(agreement.signedOn())
                        && agreement.agencyId().startsWith(row.state().name() + "-")
                        && !matched.contains(agreement.agreementId())) {
                    AgencyNameRule rule = row.agreementId().equals(agreement.agreementId()) ? AgencyNameRule.SIGNED_NAME
                            : AgencyNames.sameAgency(row.state(), agreement.agencyName(), row.agencyName());
                    if (rule != null && (rule != AgencyNameRule.GARBLED_PLACE || alone(row, agreement, rows, vanished))) {
                        candidates.add(new Candidate(row, agreement, rule));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparing(Candidate::rule).thenComparingInt(c -> c.row().sheetRow())
                .thenComparing(c -> c.agreement().agreementId()));
        Set<SheetRow> paired = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (!paired.contains(candidate.row()) && matched.add(candidate.agreement().agreementId())) {
                paired.add(candidate.row());
                matches.add(new RowNote(candidate.row().sheetRow(), SheetColumn.AGENCY.header(),
                        candidate.row().agencyName(), "the agreement listed before as '"
                        + candidate.agreement().agencyName() + "' (" + candidate.agreement().agreementId()
                        + "), its name corrected; rule " + candidate.rule().name()));
                correctDetails(candidate.row(), candidate.agreement());
            }
        }
        return rows.stream().filter(row -> !paired.contains(row)).toList();
    }

    /** The only vanished agreement and the only unmatched row of their state, model and signing date. */
    private boolean alone(SheetRow row, LedgerAgreement agreement, List<SheetRow> rows, List<LedgerAgreement> vanished) {
        long sameRows = rows.stream().filter(other -> !other.undated() && other.state() == row.state()
                && other.model() == row.model() && other.signedOn().equals(row.signedOn())).count();
        long sameAgreements = vanished.stream().filter(other -> !matched.contains(other.agreementId())
                && other.model() == agreement.model() && agreement.signedOn().equals(other.signedOn())
                && other.agencyId().startsWith(row.state().name() + "-")).count();
        return sameRows == 1 && sameAgreements == 1;
    }

    private boolean sameAgencyModelUndatedRow(SheetRow row, LedgerAgreement agreement) {
        return row.undated() && row.agencyId().equals(agreement.agencyId()) && row.model() == agreement.model();
    }

    private boolean sameAgencyDateOtherModel(SheetRow row, LedgerAgreement agreement) {
        return !row.undated() && row.agencyId().equals(agreement.agencyId())
                && row.signedOn().equals(agreement.signedOn()) && row.model() != agreement.model();
    }

    private boolean sameAgencyModelOtherDate(SheetRow row, LedgerAgreement agreement) {
        return !row.undated() && row.agencyId().equals(agreement.agencyId()) && row.model() == agreement.model();
    }

    private void changeModel(SheetRow row, LedgerAgreement agreement) {
        commands.add(new ChangeSupportModel(agreement.agreementId(), row.model(), on, on, source(row), null));
        correctDetails(row, agreement);
    }

    private void correctDateOrRenew(SheetRow row, LedgerAgreement agreement) {
        boolean renewal = agreement.signedOn() != null
                && row.signedOn().isAfter(agreement.signedOn().plusDays(RENEWAL_AFTER_DAYS));
        matches.add(new RowNote(row.sheetRow(), SheetColumn.SIGNED.header(), row.signedRaw(), "SIGNED of "
                + agreement.agreementId() + " moved from " + agreement.signedOn() + " to " + row.signedOn() + ": "
                + (renewal ? "renewed, the earlier agreement superseded on " + row.signedOn() : "the date corrected")
                + "; rule " + (renewal ? Match.RENEWAL : Match.DATE_CORRECTION).name()));
        if (renewal) {
            // in force without a gap: the earlier agreement ends the day the renewal starts
            commands.add(new WithdrawAgreement(agreement.agreementId(), WithdrawalReason.SUPERSEDED_BY_RENEWAL,
                    row.signedOn(), on, source(row), null));
            signOrReinstate(row);
            return;
        }
        commands.add(correction(agreement, CorrectableField.signedOn, text(agreement.signedOn()), text(row.signedOn()),
                source(row)));
        correctDetails(row, agreement);
    }

    private void signOrReinstate(SheetRow row) {
        LedgerAgreement returning = withdrawnByKey.get(ListingKey.of(row));
        String id = ListingKey.of(row);
        if (returning == null && byId.containsKey(id) && !byId.get(id).inForce()) {
            returning = byId.get(id); // withdrawn under other details than it now comes back with
        }
        if (returning != null && matched.add(returning.agreementId())) {
            commands.add(new ReinstateAgreement(returning.agreementId(), on, on, source(row), null));
            if (returning.model() != row.model()) {
                commands.add(new ChangeSupportModel(returning.agreementId(), row.model(), on, on, source(row), null));
            }
            if (!row.undated() && !Objects.equals(returning.signedOn(), row.signedOn())) {
                commands.add(correction(returning, CorrectableField.signedOn, text(returning.signedOn()),
                        text(row.signedOn()), source(row)));
            }
            correctDetails(row, returning);
            return;
        }
        String agreementId = AgreementId.of(row.agencyId(), row.model(), row.signedOn());
        commands.add(new SignAgreement(agreementId, row.state(), row.agencyName(), row.county(), row.agencyType(),
                row.model(), row.signedOn(), row.moaLink(), row.undated() ? on : null, on, source(row),
                dateRepair(row)));
        OpenRequest request = openRequests.remove(ListingKey.agencyAndModel(row.agencyId(), row.model()));
        if (request != null) {
            commands.add(new CloseAgreementRequest(request.requestId(), RequestClosure.SIGNED, agreementId, on, on,
                    source(row)));
        }
    }

    private void withdraw(LedgerAgreement agreement) {
        commands.add(new WithdrawAgreement(agreement.agreementId(), WithdrawalReason.REMOVED_FROM_ICE_LIST, on, on,
                publication.source(), null));
    }

    /** What ICE prints beside the agreement may change between publications; each change is a correction. */
    private void correctDetails(SheetRow row, LedgerAgreement agreement) {
        Source source = source(row);
        detail(agreement, CorrectableField.agencyName, agreement.agencyName(), row.agencyName(), source);
        detail(agreement, CorrectableField.county, agreement.county(), row.county(), source);
        detail(agreement, CorrectableField.agencyType, agreement.agencyType(), row.agencyType(), source);
        detail(agreement, CorrectableField.moaLink, agreement.moaLink(), row.moaLink(), source);
    }

    /**
     * Only a value a list prints corrects a field: a blank cell, an Excel error such as {@code #N/A}
     * or a column the list lacks (ICE's lists of April 2025 have no COUNTY) says nothing about it.
     */
    private void detail(LedgerAgreement agreement, CorrectableField field, String held, String printed, Source source) {
        if (printed != null && !printed.equals(held)) {
            commands.add(correction(agreement, field, held, printed, source));
        }
    }

    private CorrectAgreement correction(LedgerAgreement agreement, CorrectableField field, String oldValue,
                                        String newValue, Source source) {
        return new CorrectAgreement(agreement.agreementId(), field, oldValue, newValue, on, on, source, null);
    }

    private static DateRepair dateRepair(SheetRow row) {
        if (row.undated()) {
            return new DateRepair(row.signedRaw(), DateRepair.UNDATED);
        }
        return row.repair() == null ? null : new DateRepair(row.signedRaw(), row.repair().name());
    }

    private Source source(SheetRow row) {
        return publication.source(row.sheetRow());
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
