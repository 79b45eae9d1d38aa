package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.agreementledger.agreement.AgreementFacts;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.UsState;

/**
 * Folds one agreement's events into its bitemporal versions. For every day on which something
 * about the agreement became public, it works out the agreement's whole valid-time history as the
 * record stood that day; a stretch of valid time that stays the same from one such day to the next
 * keeps one version, so a version's knowledge interval runs until the record said otherwise.
 *
 * <p>The result depends only on the events, never on the order they were appended: within one day
 * of knowledge they are taken in valid-time order, later-known and then later-appended last.
 *
 * <p>In force on a day: from the start ({@link AgreementFacts#start}) unless the
 * last withdrawal or reinstatement on or before that day is a withdrawal.
 *
 * <p>A version's agency is the one its name is known by then ({@link #agencyIdOf}), so one
 * agreement's versions may belong to one agency before a rename is known and to another after.
 */
public final class AgreementVersions {

    private AgreementVersions() {
    }

    public static List<AgreementVersion> of(List<RecordedEvent> events) {
        Set<LocalDate> knowledgeDays = new TreeSet<>();
        events.forEach(recorded -> knowledgeDays.add(recorded.event().knownOn()));
        Map<Stretch, LocalDate> open = new LinkedHashMap<>();
        List<AgreementVersion> versions = new ArrayList<>();
        for (LocalDate day : knowledgeDays) {
            Set<Stretch> known = new LinkedHashSet<>(stretchesKnownOn(events, day));
            for (var iterator = open.entrySet().iterator(); iterator.hasNext(); ) {
                var entry = iterator.next();
                if (!known.contains(entry.getKey())) {
                    versions.add(entry.getKey().version(entry.getValue(), day));
                    iterator.remove();
                }
            }
            known.forEach(stretch -> open.putIfAbsent(stretch, day));
        }
        open.forEach((stretch, knownFrom) -> versions.add(stretch.version(knownFrom, null)));
        versions.sort(Comparator.comparing(AgreementVersion::knownFrom).thenComparing(AgreementVersion::validFrom));
        return versions;
    }

    /** The agreement's facts, unchanged over a stretch of valid time [from, to). */
    private record Stretch(String agreementId, String agencyId, String agencyName, UsState state, String county,
                           String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                           LocalDate from, LocalDate to) {

        AgreementVersion version(LocalDate knownFrom, LocalDate knownTo) {
            return new AgreementVersion(agreementId, agencyId, agencyName, state, county, agencyType, model, signedOn,
                    moaLink, from, to, knownFrom, knownTo);
        }
    }

    /** The agreement's valid-time history as the record stood on {@code knownAt}. */
    static List<Stretch> stretchesKnownOn(List<RecordedEvent> events, LocalDate knownAt) {
        List<RecordedEvent> known = events.stream()
                .filter(recorded -> !recorded.event().knownOn().isAfter(knownAt))
                .sorted(VALID_TIME_ORDER)
                .toList();
        AgreementSigned signing = known.stream().map(RecordedEvent::event)
                .filter(AgreementSigned.class::isInstance).map(AgreementSigned.class::cast)
                .findFirst().orElse(null);
        if (signing == null) {
            return List.of(); // nothing is known of an agreement before its signing is
        }
        // Corrections reach back over all valid time: the latest-known one per field wins.
        AgreementFacts facts = AgreementFacts.signed(signing);
        List<RecordedEvent> corrections = known.stream()
                .filter(recorded -> recorded.event() instanceof AgreementCorrected)
                .sorted(Comparator.comparing((RecordedEvent recorded) -> recorded.event().knownOn())
                        .thenComparingLong(RecordedEvent::sequenceNumber))
                .toList();
        for (RecordedEvent recorded : corrections) {
            facts = facts.corrected((AgreementCorrected) recorded.event());
        }
        LocalDate from = facts.start();
        // Over valid time, from the start: in force or not (withdrawals and reinstatements), and under which
        // model. Anything dated before the start counts from the start; the later-ordered event of a day wins.
        TreeMap<LocalDate, Boolean> inForceFrom = new TreeMap<>();
        TreeMap<LocalDate, SupportModel> modelFrom = new TreeMap<>();
        inForceFrom.put(from, true);
        modelFrom.put(from, signing.model());
        for (RecordedEvent recorded : known) {
            AgreementEvent event = recorded.event();
            LocalDate on = event.effectiveOn().isBefore(from) ? from : event.effectiveOn();
            if (event instanceof AgreementWithdrawn) {
                inForceFrom.put(on, false);
            } else if (event instanceof AgreementReinstated) {
                inForceFrom.put(on, true);
            } else if (event instanceof SupportModelChanged change) {
                modelFrom.put(on, change.to());
            }
        }
        TreeSet<LocalDate> breaks = new TreeSet<>(inForceFrom.keySet());
        breaks.addAll(modelFrom.keySet());
        List<Stretch> stretches = new ArrayList<>();
        LocalDate stretchStart = null;
        SupportModel model = null;
        for (LocalDate day : breaks) {
            SupportModel now = inForceFrom.floorEntry(day).getValue() ? modelFrom.floorEntry(day).getValue() : null;
            if (now == model) {
                continue; // nothing changed that day: the stretch goes on
            }
            if (model != null) {
                stretches.add(stretch(signing, facts, model, stretchStart, day));
            }
            stretchStart = day;
            model = now;
        }
        if (model != null) {
            stretches.add(stretch(signing, facts, model, stretchStart, null));
        }
        return stretches;
    }

    private static Stretch stretch(AgreementSigned signing, AgreementFacts facts, SupportModel model,
                                   LocalDate from, LocalDate to) {
        String agencyName = facts.get(CorrectableField.agencyName);
        return new Stretch(signing.agreementId(), agencyIdOf(signing, agencyName), agencyName,
                signing.state(), facts.get(CorrectableField.county), facts.get(CorrectableField.agencyType), model,
                facts.signedOn(), facts.get(CorrectableField.moaLink), from, to);
    }

    /**
     * The agency as its name is known: ICE corrects misspelt names between lists, and an agreement
     * signed later under the corrected name is the same agency's, so from the day a rename is known
     * the agreement counts under the new name's id. The agreement's own id keeps the signing's.
     * A name that makes no id ({@link AgencyId#identifies}: a correction appended before corrected
     * names were held to a signing's rules) leaves the agreement with its signing's agency.
     */
    static String agencyIdOf(AgreementSigned signing, String agencyName) {
        return AgencyId.identifies(agencyName) ? AgencyId.of(signing.state(), agencyName) : signing.agencyId();
    }

    /**
     * Valid time first; on one day a signing, then corrections, model changes, and last withdrawals
     * and reinstatements, which among themselves go by knownOn and then by append order.
     */
    static final Comparator<RecordedEvent> VALID_TIME_ORDER = Comparator
            .comparing((RecordedEvent recorded) -> recorded.event().effectiveOn())
            .thenComparingInt(recorded -> kindRank(recorded.event()))
            .thenComparing(recorded -> recorded.event().knownOn())
            .thenComparingLong(RecordedEvent::sequenceNumber);

    private static int kindRank(AgreementEvent event) {
        if (event instanceof AgreementSigned) {
            return 0;
        }
        if (event instanceof AgreementCorrected) {
            return 1;
        }
        if (event instanceof SupportModelChanged) {
            return 2;
        }
        return 3;
    }
}
