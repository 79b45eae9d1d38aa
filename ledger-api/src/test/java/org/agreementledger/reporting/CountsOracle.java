package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.UsState;

/**
 * The test's own answer to "what was in force on D, as known on K", written from the decided
 * semantics without the projection's code: for each agreement, look at the one point (D, K)
 * directly. No versions, no intervals, no SQL: if the two disagree, one of them is wrong. An
 * agreement counts under the agency its name is known by at K (the latest-known agencyName
 * correction's, else the signing's), and in its signing's state or territory.
 */
final class CountsOracle {

    /** What the oracle needs to know about an agreement in force. */
    record InForce(String agreementId, String agencyId, String state, SupportModel model, String agencyType) {
    }

    private final Map<String, List<StoredEvents.Stored>> byAgreement = new LinkedHashMap<>();

    CountsOracle(List<StoredEvents.Stored> stream) {
        stream.forEach(stored -> byAgreement.computeIfAbsent(stored.agreementId(), id -> new ArrayList<>()).add(stored));
    }

    List<InForce> inForce(LocalDate asOf, LocalDate knownAt) {
        List<InForce> inForce = new ArrayList<>();
        for (List<StoredEvents.Stored> events : byAgreement.values()) {
            InForce agreement = inForce(events, asOf, knownAt);
            if (agreement != null) {
                inForce.add(agreement);
            }
        }
        inForce.sort(Comparator.comparing(InForce::agreementId));
        return inForce;
    }

    private static InForce inForce(List<StoredEvents.Stored> all, LocalDate day, LocalDate knownAt) {
        List<StoredEvents.Stored> known = all.stream().filter(s -> !s.event().knownOn().isAfter(knownAt)).toList();
        AgreementSigned signing = null;
        for (StoredEvents.Stored stored : known) {
            if (stored.event() instanceof AgreementSigned signed) {
                signing = signed;
            }
        }
        if (signing == null) {
            return null;
        }
        LocalDate start = signing.effectiveOn();
        String agencyType = signing.agencyType();
        StoredEvents.Stored latestSignedOn = null;
        StoredEvents.Stored latestAgencyType = null;
        StoredEvents.Stored latestAgencyName = null;
        StoredEvents.Stored latestModelChange = null;
        StoredEvents.Stored latestWithdrawalOrReinstatement = null;
        for (StoredEvents.Stored stored : known) {
            if (stored.event() instanceof AgreementCorrected correction) {
                if (correction.field() == CorrectableField.signedOn && laterKnown(stored, latestSignedOn)) {
                    latestSignedOn = stored;
                }
                if (correction.field() == CorrectableField.agencyType && laterKnown(stored, latestAgencyType)) {
                    latestAgencyType = stored;
                }
                if (correction.field() == CorrectableField.agencyName && laterKnown(stored, latestAgencyName)) {
                    latestAgencyName = stored;
                }
            }
            if ((stored.event() instanceof AgreementWithdrawn || stored.event() instanceof AgreementReinstated)
                    && !stored.event().effectiveOn().isAfter(day)
                    && laterInValidTime(stored, latestWithdrawalOrReinstatement)) {
                latestWithdrawalOrReinstatement = stored;
            }
            if (stored.event() instanceof SupportModelChanged change && !change.effectiveOn().isAfter(day)
                    && laterInValidTime(stored, latestModelChange)) {
                latestModelChange = stored;
            }
        }
        if (latestSignedOn != null) {
            start = LocalDate.parse(((AgreementCorrected) latestSignedOn.event()).newValue());
        }
        if (latestAgencyType != null) {
            agencyType = ((AgreementCorrected) latestAgencyType.event()).newValue();
        }
        // the agency is the one its name is known by at knownAt: a rename known by then moves the agreement to it
        String agencyId = signing.agencyId();
        if (latestAgencyName != null) {
            String name = ((AgreementCorrected) latestAgencyName.event()).newValue();
            if (AgencyId.identifies(name)) {
                agencyId = AgencyId.of(signing.state(), name);
            }
        }
        if (day.isBefore(start)) {
            return null;
        }
        if (latestWithdrawalOrReinstatement != null
                && latestWithdrawalOrReinstatement.event() instanceof AgreementWithdrawn) {
            return null; // withdrawn on or before the day, and not reinstated since
        }
        SupportModel model = latestModelChange == null ? signing.model()
                : ((SupportModelChanged) latestModelChange.event()).to();
        return new InForce(signing.agreementId(), agencyId, signing.state().name(), model, agencyType);
    }

    private static boolean laterKnown(StoredEvents.Stored candidate, StoredEvents.Stored best) {
        if (best == null) {
            return true;
        }
        int byKnown = candidate.event().knownOn().compareTo(best.event().knownOn());
        return byKnown > 0 || byKnown == 0 && candidate.sequenceNumber() > best.sequenceNumber();
    }

    private static boolean laterInValidTime(StoredEvents.Stored candidate, StoredEvents.Stored best) {
        if (best == null) {
            return true;
        }
        int byEffective = candidate.event().effectiveOn().compareTo(best.event().effectiveOn());
        return byEffective > 0 || byEffective == 0 && laterKnown(candidate, best);
    }

    Counts counts(LocalDate asOf, LocalDate knownAt) {
        List<InForce> inForce = inForce(asOf, knownAt);
        Map<SupportModel, Tally> byModel = new EnumMap<>(SupportModel.class);
        Map<String, Tally> byState = new HashMap<>();
        Map<String, Tally> byAgencyType = new HashMap<>();
        for (SupportModel model : SupportModel.values()) {
            byModel.put(model, tally(inForce.stream().filter(a -> a.model() == model).toList()));
        }
        for (String state : new TreeSet<>(inForce.stream().map(InForce::state).toList())) {
            byState.put(state, tally(inForce.stream().filter(a -> a.state().equals(state)).toList()));
        }
        Set<String> types = new HashSet<>();
        inForce.forEach(a -> types.add(typeOf(a)));
        for (String type : types) {
            byAgencyType.put(type, tally(inForce.stream().filter(a -> typeOf(a).equals(type)).toList()));
        }
        Tally all = tally(inForce);
        long states = inForce.stream().map(InForce::state).filter(state -> !UsState.valueOf(state).isTerritory())
                .distinct().count();
        long territories = inForce.stream().map(InForce::state).filter(state -> UsState.valueOf(state).isTerritory())
                .distinct().count();
        return new Counts(asOf, knownAt, all.agreements(), all.agencies(), states, territories, byModel, byState,
                byAgencyType);
    }

    private static String typeOf(InForce agreement) {
        return agreement.agencyType() == null ? Counts.NO_AGENCY_TYPE : agreement.agencyType();
    }

    private static Tally tally(List<InForce> agreements) {
        return new Tally(agreements.size(), agreements.stream().map(InForce::agencyId).distinct().count());
    }

    /** Every day something happened or became known, and the days either side: where off-by-ones live. */
    Set<LocalDate> interestingDays() {
        Set<LocalDate> days = new TreeSet<>();
        byAgreement.values().forEach(events -> events.forEach(stored -> {
            for (LocalDate day : List.of(stored.event().effectiveOn(), stored.event().knownOn())) {
                days.add(day.minusDays(1));
                days.add(day);
                days.add(day.plusDays(1));
            }
            if (stored.event() instanceof AgreementCorrected correction
                    && correction.field() == CorrectableField.signedOn) {
                LocalDate corrected = LocalDate.parse(correction.newValue());
                days.add(corrected.minusDays(1));
                days.add(corrected);
            }
        }));
        return days;
    }
}
